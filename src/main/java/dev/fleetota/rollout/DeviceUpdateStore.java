package dev.fleetota.rollout;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/** Set-based writes and reads of a rollout's batches and device updates. */
@Component
class DeviceUpdateStore {

    private final JdbcTemplate jdbc;

    DeviceUpdateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Freezes a plan: one batch row per batch and one PENDING device update per device, in a few statements, then
     * refreshes the table's statistics.
     */
    void insertPlan(long rolloutId, RolloutPlan plan) {
        List<String> ids = new ArrayList<>(plan.plannedDevices());
        List<Integer> batchNumbers = new ArrayList<>(plan.plannedDevices());
        List<Object[]> batchRows = new ArrayList<>();
        for (RolloutPlan.Batch b : plan.batches()) {
            batchRows.add(new Object[] { rolloutId, b.number(), b.size(), b.highRisk() });
            for (String id : b.deviceIds()) {
                ids.add(id);
                batchNumbers.add(b.number());
            }
        }
        jdbc.batchUpdate("INSERT INTO rollout_batch (rollout_id, number, size, high_risk) VALUES (?, ?, ?, ?)",
                batchRows);
        jdbc.execute((ConnectionCallback<Integer>) con -> {
            Array idArray = con.createArrayOf("varchar", ids.toArray());
            Array batchArray = con.createArrayOf("int4", batchNumbers.toArray());
            try (PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO device_update (rollout_id, device_id, batch_number, position, state,
                                               from_firmware_version, from_device_os)
                    SELECT ?, u.device_id, u.batch, u.pos, 'PENDING', d.firmware_version, d.device_os_version
                    FROM unnest(?::varchar[], ?::int[]) WITH ORDINALITY AS u(device_id, batch, pos)
                    JOIN device d ON d.id = u.device_id
                    """)) {
                ps.setLong(1, rolloutId);
                ps.setArray(2, idArray);
                ps.setArray(3, batchArray);
                return ps.executeUpdate();
            }
        });
        // up to 100k new rows in one go: fresh statistics now, not when autovacuum next looks (a minute or more
        // later, never where it is off), so the first batches' queries are planned for a table of PENDING rows
        jdbc.execute("ANALYZE device_update");
    }

    Map<DeviceUpdateState, Integer> countsByState(long rolloutId) {
        Map<DeviceUpdateState, Integer> counts = new EnumMap<>(DeviceUpdateState.class);
        for (DeviceUpdateState s : DeviceUpdateState.values()) {
            counts.put(s, 0);
        }
        jdbc.query("SELECT state, count(*) FROM device_update WHERE rollout_id = ? GROUP BY state",
                rs -> {
                    counts.put(DeviceUpdateState.valueOf(rs.getString(1)), rs.getInt(2));
                }, rolloutId);
        return counts;
    }

    /** Operator retry: a new, recorded attempt for a device whose update ended without success. */
    boolean retry(long rolloutId, String deviceId, Instant now) {
        List<Long> ids = jdbc.queryForList("""
                UPDATE device_update SET attempt = attempt + 1, state = 'PENDING', state_changed_at = ?,
                    deadline_at = NULL, requested_at = NULL, safe_mode_since = NULL, flash_succeeded_at = NULL,
                    verify_until = NULL, finished_at = NULL, last_event_at = NULL, reason = NULL,
                    acknowledged_at = NULL
                WHERE rollout_id = ? AND device_id = ?
                  AND state IN ('FLASH_FAILED', 'TIMED_OUT', 'WRONG_VERSION', 'SILENT_IN_SAFE_MODE', 'SKIPPED')
                RETURNING id
                """, Long.class, ts(now), rolloutId, deviceId);
        return !ids.isEmpty();
    }

    /** Skips every device of the rollout that has not started (cancel). */
    int skipAllPending(long rolloutId, String cause, Instant now) {
        return jdbc.update("""
                WITH upd AS (
                    UPDATE device_update SET state = 'SKIPPED', state_changed_at = ?, finished_at = ?,
                        deadline_at = NULL, reason = ?
                    WHERE rollout_id = ? AND state = 'PENDING'
                    RETURNING id, rollout_id, device_id, attempt)
                INSERT INTO device_update_transition
                    (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause)
                SELECT id, rollout_id, device_id, attempt, ?, 'PENDING', 'SKIPPED', ? FROM upd
                """, ts(now), ts(now), cause, rolloutId, ts(now), cause);
    }

    Long findId(long rolloutId, String deviceId) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM device_update WHERE rollout_id = ? AND device_id = ?",
                Long.class, rolloutId, deviceId);
        return ids.isEmpty() ? null : ids.get(0);
    }

    DeviceUpdateState stateOf(long deviceUpdateId) {
        return DeviceUpdateState.valueOf(
                jdbc.queryForObject("SELECT state FROM device_update WHERE id = ?", String.class, deviceUpdateId));
    }

}
