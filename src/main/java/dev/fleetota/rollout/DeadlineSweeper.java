package dev.fleetota.rollout;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Set-based deadline work for one rollout, each a single statement that also writes the timeline: steps that took
 * too long end TIMED_OUT, devices silent in safe mode end SILENT_IN_SAFE_MODE, and devices whose state the stream
 * missed (a gap reconciled by polling the device list) catch up. Rows locked by a concurrent event are skipped and
 * looked at again on the next tick.
 */
@Component
class DeadlineSweeper {

    private final JdbcTemplate jdbc;

    DeadlineSweeper(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A device that went silent in safe mode, and when its silence deadline passed. */
    record Silent(String deviceId, Instant conditionAt) {
    }

    int timeouts(long rolloutId, Instant now) {
        return jdbc.update("""
                WITH due AS (
                    SELECT id, state FROM device_update
                    WHERE rollout_id = ? AND deadline_at <= ?
                      AND (state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED') OR state = 'PENDING')
                    FOR UPDATE SKIP LOCKED),
                upd AS (
                    UPDATE device_update d SET state = 'TIMED_OUT', state_changed_at = ?, finished_at = ?,
                        deadline_at = NULL, reason = 'no progress while ' || due.state
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.rollout_id, d.device_id, d.attempt, due.state AS from_state),
                cancelled AS (
                    UPDATE flash_command c SET status = 'CANCELLED' FROM upd
                    WHERE c.device_update_id = upd.id AND c.status = 'PENDING')
                INSERT INTO device_update_transition
                    (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause)
                SELECT id, rollout_id, device_id, attempt, ?, from_state, 'TIMED_OUT', 'deadline' FROM upd
                """, rolloutId, ts(now), ts(now), ts(now), ts(now));
    }

    /**
     * The last stream (re)connect, while no device sync has read the list since: events before it may have been lost,
     * so silence counts from it; once a sync has caught up, a device's own last hearing counts again.
     */
    private static final String DEAF_SINCE = "CASE WHEN s.at >= m.at THEN NULL ELSE m.at END";

    List<Silent> silentInSafeMode(long rolloutId, java.time.Duration silence, Instant now) {
        return jdbc.query("""
                WITH due AS (
                    SELECT du.id, greatest(du.safe_mode_since, du.last_event_at, d.last_heard, %1$s) AS heard
                    FROM device_update du JOIN device d ON d.id = du.device_id
                    LEFT JOIN engine_marker m ON m.name = 'event-stream-connected'
                    LEFT JOIN engine_marker s ON s.name = 'device-list-synced'
                    WHERE du.rollout_id = ? AND du.state = 'SAFE_MODE'
                      AND greatest(du.safe_mode_since, du.last_event_at, d.last_heard, %1$s) <= ?
                    FOR UPDATE OF du SKIP LOCKED),
                upd AS (
                    UPDATE device_update d SET state = 'SILENT_IN_SAFE_MODE', state_changed_at = ?, finished_at = ?,
                        deadline_at = NULL,
                        reason = 'nothing heard in safe mode since ' || to_char(due.heard AT TIME ZONE 'UTC',
                                                                              'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.rollout_id, d.device_id, d.attempt, due.heard),
                timeline AS (
                    INSERT INTO device_update_transition
                        (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause)
                    SELECT id, rollout_id, device_id, attempt, ?, 'SAFE_MODE', 'SILENT_IN_SAFE_MODE', 'silence'
                    FROM upd)
                SELECT device_id, heard FROM upd ORDER BY device_id
                """.formatted(DEAF_SINCE),
                (rs, i) -> new Silent(rs.getString(1), rs.getTimestamp(2).toInstant().plus(silence)), rolloutId,
                ts(now.minus(silence)), ts(now), ts(now), ts(now));
    }

    /** When the first device of the rollout still in safe mode turns silent, if nothing is heard from it before. */
    java.util.Optional<Instant> nextSilence(long rolloutId, java.time.Duration silence) {
        List<java.sql.Timestamp> heard = jdbc.queryForList("""
                SELECT min(greatest(du.safe_mode_since, du.last_event_at, d.last_heard, %1$s))
                FROM device_update du JOIN device d ON d.id = du.device_id
                LEFT JOIN engine_marker m ON m.name = 'event-stream-connected'
                LEFT JOIN engine_marker s ON s.name = 'device-list-synced'
                WHERE du.rollout_id = ? AND du.state = 'SAFE_MODE'
                """.formatted(DEAF_SINCE), java.sql.Timestamp.class, rolloutId);
        return heard.stream().filter(java.util.Objects::nonNull).findFirst().map(t -> t.toInstant().plus(silence));
    }

    /**
     * The device list (sync after a stream gap) shows a device that entered safe mode after its command while the
     * stream missed its {@code spark/status/safe-mode} (it is still REQUESTED or FLASHING): it is in SAFE_MODE since
     * the list last heard from it (not before its command), so its silence and its heal deadline are watched.
     */
    int reconcileSafeModeFromDeviceList(long rolloutId, java.time.Duration safeModeMaxDuration, Instant now) {
        return jdbc.update("""
                WITH due AS (
                    SELECT du.id, du.state, greatest(du.requested_at, least(d.last_heard, ?)) AS since
                    FROM device_update du JOIN device d ON d.id = du.device_id
                    WHERE du.rollout_id = ? AND du.state IN ('REQUESTED', 'FLASHING')
                      AND du.requested_at IS NOT NULL AND d.synced_at > du.requested_at
                      AND d.online AND d.safe_mode AND d.safe_mode_changed_at > du.requested_at
                    FOR UPDATE OF du SKIP LOCKED),
                upd AS (
                    UPDATE device_update d SET state = 'SAFE_MODE', state_changed_at = ?, safe_mode_since = due.since,
                        deadline_at = ?
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.rollout_id, d.device_id, d.attempt, due.state AS from_state)
                INSERT INTO device_update_transition
                    (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause)
                SELECT id, rollout_id, device_id, attempt, ?, from_state, 'SAFE_MODE', 'reconciled from device list'
                FROM upd
                """, ts(now), rolloutId, ts(now), ts(now.plus(safeModeMaxDuration)), ts(now));
    }

    /** The device list (sync after a stream gap) shows the target app running: verify it. */
    int reconcileFromDeviceList(long rolloutId, java.time.Duration verifyPeriod, Instant now) {
        return jdbc.update("""
                WITH due AS (
                    SELECT du.id, du.state FROM device_update du
                    JOIN device d ON d.id = du.device_id JOIN rollout r ON r.id = du.rollout_id
                    WHERE du.rollout_id = ? AND du.state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED')
                      AND du.requested_at IS NOT NULL AND d.synced_at > du.requested_at
                      AND d.online AND NOT d.safe_mode AND d.firmware_version = r.target_firmware_version
                    FOR UPDATE OF du SKIP LOCKED),
                upd AS (
                    UPDATE device_update d SET state = 'VERIFYING', state_changed_at = ?, verify_until = ?,
                        deadline_at = ?
                    FROM due WHERE d.id = due.id
                    RETURNING d.id, d.rollout_id, d.device_id, d.attempt, due.state AS from_state)
                INSERT INTO device_update_transition
                    (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause)
                SELECT id, rollout_id, device_id, attempt, ?, from_state, 'VERIFYING', 'reconciled from device list'
                FROM upd
                """, rolloutId, ts(now), ts(now.plus(verifyPeriod)), ts(now.plus(verifyPeriod)), ts(now));
    }

}
