package dev.fleetota.device;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.events.DeviceEventRecorded;
import dev.fleetota.events.DeviceEventsRecorded;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Moves device state from Particle events (§9.3), inside the intake transaction and before any other listener. Each
 * event is one guarded UPDATE: a field changes only when the event is newer than the last observation of that field
 * ({@code *_at} columns, V10), so duplicates and out-of-order delivery never move state backwards. Events of unknown
 * devices change nothing (the sync creates devices). Nothing here waits for an {@code offline} event: cellular
 * devices often never send one.
 * <p>
 * A batch runs as one JDBC batch per distinct statement, in arrival order within each statement. Regrouping is safe
 * because statements of different kinds never depend on their relative order: each writes its own fields with its own
 * observation time, except that {@code STATUS} and {@code SAFE_MODE} share {@code safe_mode}, which both treat as
 * last-writer-wins on {@code safe_mode_changed_at} with a fixed tie rule (a running {@code online} wins a tie, a
 * safe-mode event loses it), and {@code last_heard}/{@code version}, which only grow ({@code greatest}, {@code +1}).
 * Order matters only between two events of one statement with equal times (e.g. two {@code online} with different
 * versions), and that order is kept.
 */
@Component
class DeviceEventApplier {

    private static final String HEARD = "last_heard = greatest(last_heard, :t), updated_at = now(), version = version + 1";

    private static final String STATUS = """
            UPDATE device SET
              last_heard = CASE WHEN :online THEN greatest(last_heard, :t) ELSE last_heard END,
              online = CASE WHEN %1$s THEN :online ELSE online END,
              online_changed_at = CASE WHEN %1$s THEN :t ELSE online_changed_at END,
              firmware_version = CASE WHEN %2$s THEN :version ELSE firmware_version END,
              firmware_reported_at = CASE WHEN %2$s THEN :t ELSE firmware_reported_at END,
              safe_mode = CASE WHEN %3$s THEN false ELSE safe_mode END,
              safe_mode_changed_at = CASE WHEN %3$s THEN :t ELSE safe_mode_changed_at END,
              updated_at = now(), version = version + 1
            WHERE id = :id
            """.formatted(
            "(online_changed_at IS NULL OR online_changed_at < :t OR (online_changed_at = :t AND :online))",
            ":running AND (firmware_reported_at IS NULL OR firmware_reported_at <= :t)",
            ":running AND (safe_mode_changed_at IS NULL OR safe_mode_changed_at <= :t)");

    private static final String SAFE_MODE = """
            UPDATE device SET
              safe_mode = CASE WHEN safe_mode_changed_at IS NULL OR safe_mode_changed_at < :t THEN true ELSE safe_mode END,
              safe_mode_changed_at = greatest(safe_mode_changed_at, :t),
            """ + HEARD + " WHERE id = :id";

    private static final String VITALS = """
            UPDATE device SET
              vitals = CASE WHEN %1$s THEN CAST(:vitals AS jsonb) ELSE vitals END,
              battery_charge = CASE WHEN %1$s THEN :battery ELSE battery_charge END,
              signal_strength = CASE WHEN %1$s THEN :signal ELSE signal_strength END,
              vitals_at = greatest(vitals_at, :t),
            """.formatted("(vitals_at IS NULL OR vitals_at < :t)") + HEARD + " WHERE id = :id";

    private static final String HEARD_ONLY = "UPDATE device SET " + HEARD + " WHERE id = :id";

    private static final int MAX_TEXT = 64;

    private final NamedParameterJdbcTemplate jdbc;

    private final JsonMapper json;

    DeviceEventApplier(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    @Order(0)
    void apply(DeviceEventsRecorded batch) {
        Map<String, List<SqlParameterSource>> bySql = new LinkedHashMap<>();
        for (DeviceEventRecorded event : batch.events()) {
            Update update = update(event);
            if (update != null) {
                bySql.computeIfAbsent(update.sql(), sql -> new ArrayList<>()).add(update.params());
            }
        }
        bySql.forEach((sql, params) -> {
            if (params.size() == 1) {
                jdbc.update(sql, params.get(0));
            }
            else {
                jdbc.batchUpdate(sql, params.toArray(SqlParameterSource[]::new));
            }
        });
    }

    /** One guarded statement with its parameters, or null when the event changes nothing. */
    private Update update(DeviceEventRecorded event) {
        if (event.deviceId() == null || event.publishedAt() == null) {
            return null;
        }
        MapSqlParameterSource params = new MapSqlParameterSource("id", event.deviceId()).addValue("t",
                OffsetDateTime.ofInstant(event.publishedAt(), ZoneOffset.UTC));
        String data = event.data() == null ? "" : event.data();
        return switch (event.name()) {
            case "spark/status" -> status(data, event.productVersion(), params);
            case "spark/status/safe-mode" -> new Update(SAFE_MODE, params);
            case "spark/device/last_reset" -> text("last_reset_reason", "last_reset_at", data, params);
            case "spark/device/app-hash" -> text("app_hash", "app_hash_at", data, params);
            case "particle/device/updates/enabled" -> flag("firmware_updates_enabled", "updates_enabled_at", data,
                    params);
            case "particle/device/updates/forced" -> flag("firmware_updates_forced", "updates_forced_at", data,
                    params);
            case "spark/device/diagnostics/update" -> vitals(data, params);
            // published by the cloud about the device; says nothing about the device being heard
            case "particle/device/updates/pending" -> null;
            default -> new Update(HEARD_ONLY, params);
        };
    }

    /** {@code online}/{@code offline}; an {@code online} with envelope version &gt; 0 means that app is running. */
    private static Update status(String data, Integer productVersion, MapSqlParameterSource params) {
        boolean online = "online".equals(data);
        if (!online && !"offline".equals(data)) {
            return new Update(HEARD_ONLY, params);
        }
        boolean running = online && productVersion != null && productVersion > 0;
        return new Update(STATUS, params.addValue("online", online)
            .addValue("running", running)
            .addValue("version", running ? productVersion : null, java.sql.Types.INTEGER));
    }

    private static Update text(String column, String observedAt, String data, MapSqlParameterSource params) {
        String value = data.length() > MAX_TEXT ? data.substring(0, MAX_TEXT) : data;
        return new Update(guarded(column, observedAt, ":value"), params.addValue("value", value));
    }

    private static Update flag(String column, String observedAt, String data, MapSqlParameterSource params) {
        if (!"true".equals(data) && !"false".equals(data)) {
            return new Update(HEARD_ONLY, params);
        }
        return new Update(guarded(column, observedAt, ":value"), params.addValue("value", Boolean.parseBoolean(data)));
    }

    private static String guarded(String column, String observedAt, String value) {
        String newer = "(" + observedAt + " IS NULL OR " + observedAt + " < :t)";
        return "UPDATE device SET " + column + " = CASE WHEN " + newer + " THEN " + value + " ELSE " + column
                + " END, " + observedAt + " = greatest(" + observedAt + ", :t), " + HEARD + " WHERE id = :id";
    }

    /** The vitals payload of §10; a payload that is not a JSON object only counts as "heard". */
    private Update vitals(String data, MapSqlParameterSource params) {
        JsonNode payload;
        try {
            payload = json.readTree(data);
        }
        catch (JacksonException ex) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            return new Update(HEARD_ONLY, params);
        }
        JsonNode device = payload.path("device");
        return new Update(VITALS, params.addValue("vitals", data)
            .addValue("battery", number(device.path("power").path("battery").path("charge")), java.sql.Types.DOUBLE)
            .addValue("signal", number(device.path("network").path("signal").path("strength")),
                    java.sql.Types.DOUBLE));
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : null;
    }

    private record Update(String sql, SqlParameterSource params) {
    }

}
