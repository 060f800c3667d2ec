package dev.fleetota.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * The flash-command outbox (style rule 6). A command is recorded (PENDING) in the engine's transaction, claimed
 * (SENDING) in a statement that also checks that its rollout is RUNNING, sent outside any transaction, and its outcome
 * recorded after. The unique (rollout, device, attempt) key makes a second command for one attempt impossible; a
 * command whose outcome is unknown (crash, timeout) is never sent again.
 */
@Component
class CommandOutbox {

    private final JdbcTemplate jdbc;

    CommandOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the intent to flash; revives a command cancelled (never sent) by a halt or pause. */
    void enqueue(long deviceUpdateId, int firmwareVersion, boolean forceUpdates, Instant now) {
        jdbc.update("""
                INSERT INTO flash_command (device_update_id, rollout_id, device_id, attempt, firmware_version,
                                           force_updates, status, not_before, created_at)
                SELECT id, rollout_id, device_id, attempt, ?, ?, 'PENDING', ?, ? FROM device_update WHERE id = ?
                ON CONFLICT (rollout_id, device_id, attempt) DO UPDATE SET status = 'PENDING', not_before = EXCLUDED.not_before
                    WHERE flash_command.status = 'CANCELLED'
                """, firmwareVersion, forceUpdates, ts(now), ts(now), deviceUpdateId);
    }

    /**
     * Claims the oldest due command of a RUNNING rollout ({@link DispatchGate} re-checks the status right before
     * the command is sent) and sets its device update's {@code requested_at}, in one statement (atomic by itself).
     */
    Optional<FlashCommand> claimNext(String instance, Instant now) {
        return jdbc.query("""
                WITH next AS (
                    SELECT c.id FROM flash_command c JOIN rollout r ON r.id = c.rollout_id
                    WHERE c.status = 'PENDING' AND c.not_before <= ? AND r.status = 'RUNNING'
                    ORDER BY c.id LIMIT 1
                    FOR UPDATE OF c SKIP LOCKED),
                claimed AS (
                    UPDATE flash_command c SET status = 'SENDING', claimed_at = ?, claimed_by = ?
                    FROM next WHERE c.id = next.id
                    RETURNING c.id, c.device_update_id, c.rollout_id, c.device_id, c.attempt, c.firmware_version,
                              c.force_updates),
                requested AS (
                    UPDATE device_update du SET requested_at = ?
                    FROM claimed WHERE du.id = claimed.device_update_id AND du.state = 'PENDING')
                SELECT * FROM claimed
                """, CommandOutbox::command, ts(now), ts(now), instance, ts(now)).stream().findFirst();
    }

    void markSent(long commandId, Instant now) {
        jdbc.update("UPDATE flash_command SET status = 'SENT', sent_at = ? WHERE id = ?", ts(now), commandId);
    }

    void markFailed(long commandId, String status, String error) {
        jdbc.update("UPDATE flash_command SET status = ?, error = ? WHERE id = ?", status,
                DeviceUpdateTransitions.truncate(error, 500), commandId);
    }

    /** Not processed (rate limited): back in the queue, later. */
    void retryLater(long commandId, Instant notBefore) {
        jdbc.update("""
                UPDATE flash_command SET status = 'PENDING', not_before = ?, claimed_at = NULL, claimed_by = NULL
                WHERE id = ?
                """, ts(notBefore), commandId);
        jdbc.update("""
                UPDATE device_update SET requested_at = NULL
                WHERE id = (SELECT device_update_id FROM flash_command WHERE id = ?) AND state = 'PENDING'
                """, commandId);
    }

    /** A halt or pause: commands not yet claimed are not sent. Returns how many were cancelled. */
    int cancelPending(long rolloutId) {
        int cancelled = jdbc.update(
                "UPDATE flash_command SET status = 'CANCELLED' WHERE rollout_id = ? AND status = 'PENDING'", rolloutId);
        // only the queued ones: a 100k rollout has ~100k PENDING rows, and rewriting them all held the halt's commit
        // for seconds while it locked every row the event intake might need
        jdbc.update("""
                UPDATE device_update SET deadline_at = NULL
                WHERE rollout_id = ? AND state = 'PENDING' AND deadline_at IS NOT NULL
                """, rolloutId);
        return cancelled;
    }

    /** A claimed command found its rollout no longer RUNNING: not sent, queued again on resume. */
    void unclaim(FlashCommand c) {
        jdbc.update("UPDATE flash_command SET status = 'CANCELLED' WHERE id = ? AND status = 'SENDING'", c.id());
        jdbc.update("UPDATE device_update SET deadline_at = NULL, requested_at = NULL WHERE id = ? AND state = 'PENDING'",
                c.deviceUpdateId());
    }

    /** An operator skipped one device: its queued command is not sent. */
    void cancelPendingFor(long deviceUpdateId) {
        jdbc.update("UPDATE flash_command SET status = 'CANCELLED' WHERE device_update_id = ? AND status = 'PENDING'",
                deviceUpdateId);
    }

    /** Commands claimed by an instance that died while sending: their outcome is unknown. */
    List<FlashCommand> staleSending(Instant claimedBefore) {
        return jdbc.query("""
                UPDATE flash_command SET status = 'UNKNOWN', error = 'instance stopped while sending'
                WHERE status = 'SENDING' AND claimed_at < ?
                RETURNING id, device_update_id, rollout_id, device_id, attempt, firmware_version, force_updates
                """, CommandOutbox::command, ts(claimedBefore));
    }

    private static FlashCommand command(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new FlashCommand(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getBoolean(7));
    }

    /** Pending commands of a rollout that may be sent now: devices with a command not yet cancelled. */
    int queued(long rolloutId) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM flash_command WHERE rollout_id = ? AND status IN ('PENDING', 'SENDING')",
                Integer.class, rolloutId);
        return n == null ? 0 : n;
    }

}
