package dev.fleetota.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.device.DeviceEventStatement.Row;
import dev.fleetota.events.DeviceEventRecorded;
import dev.fleetota.events.DeviceEventsRecorded;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves device state from Particle events (§9.3), inside the intake transaction and before any other listener. Each
 * event is one guarded UPDATE: a field changes only when the event is newer than the last observation of that field
 * ({@code *_at} columns, V10), so duplicates and out-of-order delivery never move state backwards. Events of unknown
 * devices change nothing (the sync creates devices). Nothing here waits for an {@code offline} event: cellular
 * devices often never send one.
 * <p>
 * A batch runs set-based: one JDBC batch (one round trip) per distinct kind of UPDATE, one statement per round
 * ({@link DeviceEventStatement}: round r holds each device's r-th event of that kind), in arrival order within each
 * kind. Regrouping by kind is safe because
 * statements of different kinds never depend on their relative order: each writes its own fields with its own
 * observation time, except that {@code STATUS} and {@code SAFE_MODE} share {@code safe_mode}, which both treat as
 * last-writer-wins on {@code safe_mode_changed_at} with a fixed tie rule (a running {@code online} wins a tie, a
 * safe-mode event loses it), and {@code last_heard}/{@code version}, which only grow ({@code greatest}, {@code +1}
 * per event applied, as one by one). Order matters only between two events of one kind with equal times (e.g. two
 * {@code online} with different versions), and that order is kept.
 */
@Component
class DeviceEventApplier {

    private static final String HEARD = "last_heard = greatest(last_heard, e_t), updated_at = now(), version = version + 1";

    private static final DeviceEventStatement STATUS = new DeviceEventStatement("""
            last_heard = CASE WHEN e_online THEN greatest(last_heard, e_t) ELSE last_heard END,
            online = CASE WHEN %1$s THEN e_online ELSE online END,
            online_changed_at = CASE WHEN %1$s THEN e_t ELSE online_changed_at END,
            firmware_version = CASE WHEN %2$s THEN e_version ELSE firmware_version END,
            firmware_reported_at = CASE WHEN %2$s THEN e_t ELSE firmware_reported_at END,
            safe_mode = CASE WHEN %3$s THEN false ELSE safe_mode END,
            safe_mode_changed_at = CASE WHEN %3$s THEN e_t ELSE safe_mode_changed_at END,
            updated_at = now(), version = version + 1
            """.formatted(
            "(online_changed_at IS NULL OR online_changed_at < e_t OR (online_changed_at = e_t AND e_online))",
            "e_running AND (firmware_reported_at IS NULL OR firmware_reported_at <= e_t)",
            "e_running AND (safe_mode_changed_at IS NULL OR safe_mode_changed_at <= e_t)"),
            "online boolean", "running boolean", "version int");

    private static final DeviceEventStatement SAFE_MODE = new DeviceEventStatement("""
            safe_mode = CASE WHEN safe_mode_changed_at IS NULL OR safe_mode_changed_at < e_t THEN true ELSE safe_mode END,
            safe_mode_changed_at = greatest(safe_mode_changed_at, e_t),
            """ + HEARD);

    private static final DeviceEventStatement VITALS = new DeviceEventStatement("""
            vitals = CASE WHEN %1$s THEN CAST(e_vitals AS jsonb) ELSE vitals END,
            battery_charge = CASE WHEN %1$s THEN e_battery ELSE battery_charge END,
            signal_strength = CASE WHEN %1$s THEN e_signal ELSE signal_strength END,
            vitals_at = greatest(vitals_at, e_t),
            """.formatted("(vitals_at IS NULL OR vitals_at < e_t)") + HEARD, "vitals text", "battery float8",
            "signal float8");

    private static final DeviceEventStatement HEARD_ONLY = new DeviceEventStatement(HEARD);

    private static final DeviceEventStatement LAST_RESET = guarded("last_reset_reason", "last_reset_at", "text");

    private static final DeviceEventStatement APP_HASH = guarded("app_hash", "app_hash_at", "text");

    private static final DeviceEventStatement UPDATES_ENABLED = guarded("firmware_updates_enabled",
            "updates_enabled_at", "boolean");

    private static final DeviceEventStatement UPDATES_FORCED = guarded("firmware_updates_forced", "updates_forced_at",
            "boolean");

    private static final int MAX_TEXT = 64;

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    DeviceEventApplier(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    @Order(0)
    void apply(DeviceEventsRecorded batch) {
        Map<DeviceEventStatement, List<Row>> byStatement = new LinkedHashMap<>();
        for (DeviceEventRecorded event : batch.events()) {
            Update update = update(event);
            if (update != null) {
                byStatement.computeIfAbsent(update.statement(), s -> new ArrayList<>()).add(update.row());
            }
        }
        DeviceEventStatement.run(jdbc, byStatement);
    }

    /** One guarded statement with its row, or null when the event changes nothing. */
    private Update update(DeviceEventRecorded event) {
        if (event.deviceId() == null || event.publishedAt() == null) {
            return null;
        }
        String id = event.deviceId();
        Instant t = event.publishedAt();
        String data = event.data() == null ? "" : event.data();
        return switch (event.name()) {
            case "spark/status" -> status(data, event.productVersion(), id, t);
            case "spark/status/safe-mode" -> new Update(SAFE_MODE, new Row(id, t));
            case "spark/device/last_reset" -> new Update(LAST_RESET, new Row(id, t, truncated(data)));
            case "spark/device/app-hash" -> new Update(APP_HASH, new Row(id, t, truncated(data)));
            case "particle/device/updates/enabled" -> flag(UPDATES_ENABLED, data, id, t);
            case "particle/device/updates/forced" -> flag(UPDATES_FORCED, data, id, t);
            case "spark/device/diagnostics/update" -> vitals(data, id, t);
            // published by the cloud about the device; says nothing about the device being heard
            case "particle/device/updates/pending" -> null;
            default -> new Update(HEARD_ONLY, new Row(id, t));
        };
    }

    /** {@code online}/{@code offline}; an {@code online} with envelope version &gt; 0 means that app is running. */
    private static Update status(String data, Integer productVersion, String id, Instant t) {
        boolean online = "online".equals(data);
        if (!online && !"offline".equals(data)) {
            return new Update(HEARD_ONLY, new Row(id, t));
        }
        boolean running = online && productVersion != null && productVersion > 0;
        return new Update(STATUS, new Row(id, t, online, running, running ? productVersion : null));
    }

    private static String truncated(String data) {
        return data.length() > MAX_TEXT ? data.substring(0, MAX_TEXT) : data;
    }

    private static Update flag(DeviceEventStatement statement, String data, String id, Instant t) {
        if (!"true".equals(data) && !"false".equals(data)) {
            return new Update(HEARD_ONLY, new Row(id, t));
        }
        return new Update(statement, new Row(id, t, Boolean.parseBoolean(data)));
    }

    /** {@code column} takes the event's value when the event is newer than {@code observedAt}. */
    private static DeviceEventStatement guarded(String column, String observedAt, String type) {
        String newer = "(" + observedAt + " IS NULL OR " + observedAt + " < e_t)";
        return new DeviceEventStatement(column + " = CASE WHEN " + newer + " THEN e_value ELSE " + column + " END, "
                + observedAt + " = greatest(" + observedAt + ", e_t), " + HEARD, "value " + type);
    }

    /** The vitals payload of §10; a payload that is not a JSON object only counts as "heard". */
    private Update vitals(String data, String id, Instant t) {
        JsonNode payload;
        try {
            payload = json.readTree(data);
        }
        catch (JacksonException ex) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            return new Update(HEARD_ONLY, new Row(id, t));
        }
        JsonNode device = payload.path("device");
        return new Update(VITALS, new Row(id, t, data, number(device.path("power").path("battery").path("charge")),
                number(device.path("network").path("signal").path("strength"))));
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : null;
    }

    private record Update(DeviceEventStatement statement, Row row) {
    }

}
