package dev.fleetota.rollout;

import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/** Where a batch stands, and opening and closing batches. */
@Component
class BatchProgress {

    private final JdbcTemplate jdbc;

    BatchProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts of one batch: its size and finished devices; devices not started or in flight up to this batch. */
    record Counts(int size, int pending, int inFlight, int finished) {

        boolean done() {
            return pending == 0 && inFlight == 0;
        }

    }

    Counts counts(long rolloutId, int batch) {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE batch_number = ?),
                       count(*) FILTER (WHERE state = 'PENDING'),
                       count(*) FILTER (WHERE state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING')),
                       count(*) FILTER (WHERE batch_number = ? AND state NOT IN ('PENDING', 'REQUESTED', 'FLASHING',
                                                            'SAFE_MODE', 'RESTARTED', 'VERIFYING'))
                FROM device_update WHERE rollout_id = ? AND batch_number <= ?
                """, (rs, i) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), batch, batch,
                rolloutId, batch);
    }

    void open(long rolloutId, int batch, Instant now) {
        jdbc.update("UPDATE rollout_batch SET status = 'ACTIVE', started_at = ? WHERE rollout_id = ? AND number = ?",
                ts(now), rolloutId, batch);
    }

    void close(long rolloutId, int batch, Instant now) {
        jdbc.update("""
                UPDATE rollout_batch SET status = 'PASSED', finished_at = ?
                WHERE rollout_id = ? AND number = ? AND status <> 'PASSED'
                """, ts(now), rolloutId, batch);
    }

    void markFailed(long rolloutId, int batch) {
        jdbc.update("UPDATE rollout_batch SET status = 'FAILED' WHERE rollout_id = ? AND number = ?", rolloutId, batch);
    }

    /** The operator accepted the failures so far (resume after a halt): they no longer count toward a halt. */
    int acknowledgeFailures(long rolloutId, Instant now) {
        jdbc.update("UPDATE rollout_batch SET status = 'ACTIVE' WHERE rollout_id = ? AND status = 'FAILED'", rolloutId);
        return jdbc.update("""
                UPDATE device_update SET acknowledged_at = ?
                WHERE rollout_id = ? AND acknowledged_at IS NULL
                  AND state IN ('FLASH_FAILED', 'TIMED_OUT', 'WRONG_VERSION', 'SILENT_IN_SAFE_MODE')
                """, ts(now), rolloutId);
    }

}
