package dev.fleetota.rollout;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides whether a rollout must halt now (design §4.3): any device silent in safe mode, or more failed devices in
 * a batch than its threshold allows. Failures an operator accepted by resuming do not count again.
 */
@Component
class HaltEvaluator {

    private final JdbcTemplate jdbc;

    HaltEvaluator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<HaltReason> evaluate(Rollout rollout, RolloutPolicy policy, List<DeadlineSweeper.Silent> newlySilent,
            Instant now) {
        List<String> silent = jdbc.queryForList("""
                SELECT device_id FROM device_update
                WHERE rollout_id = ? AND state = 'SILENT_IN_SAFE_MODE' AND acknowledged_at IS NULL ORDER BY device_id
                """, String.class, rollout.getId());
        if (!silent.isEmpty()) {
            Instant conditionAt = newlySilent.stream()
                .map(DeadlineSweeper.Silent::conditionAt)
                .min(Comparator.naturalOrder())
                .orElse(now);
            return Optional.of(new HaltReason(HaltReason.SILENT_IN_SAFE_MODE,
                    silent.size() + " device(s) went silent in safe mode for longer than "
                            + policy.safety().safeModeSilence() + ": suspected bricked (power loss during the heal?)",
                    rollout.getCurrentBatch(), silent, sinceWatched(rollout, conditionAt), now));
        }
        return failureThreshold(rollout, policy, now);
    }

    private Optional<HaltReason> failureThreshold(Rollout rollout, RolloutPolicy policy, Instant now) {
        int batch = rollout.getCurrentBatch();
        if (batch == 0) {
            return Optional.empty();
        }
        Integer size = jdbc.queryForObject("SELECT size FROM rollout_batch WHERE rollout_id = ? AND number = ?",
                Integer.class, rollout.getId(), batch);
        List<String> failed = jdbc.queryForList("""
                SELECT device_id FROM device_update
                WHERE rollout_id = ? AND batch_number = ? AND acknowledged_at IS NULL
                  AND state IN ('FLASH_FAILED', 'TIMED_OUT', 'WRONG_VERSION', 'SILENT_IN_SAFE_MODE')
                ORDER BY state_changed_at, device_id
                """, String.class, rollout.getId(), batch);
        int allowed = policy.safety().allowedFailures(size == null ? 0 : size);
        if (failed.size() <= allowed) {
            return Optional.empty();
        }
        Instant conditionAt = jdbc.queryForObject("""
                SELECT state_changed_at FROM device_update
                WHERE rollout_id = ? AND batch_number = ? AND acknowledged_at IS NULL
                  AND state IN ('FLASH_FAILED', 'TIMED_OUT', 'WRONG_VERSION', 'SILENT_IN_SAFE_MODE')
                ORDER BY state_changed_at OFFSET ? LIMIT 1
                """, (rs, i) -> rs.getTimestamp(1).toInstant(), rollout.getId(), batch, allowed);
        return Optional.of(new HaltReason(HaltReason.FAILURE_THRESHOLD,
                failed.size() + " failed device(s) in batch " + batch + " of " + size + "; at most " + allowed
                        + " allowed",
                batch, failed, sinceWatched(rollout, conditionAt), now));
    }

    /**
     * When the condition became true for the engine: no rule is judged while the rollout is halted, so a condition
     * met then (a silence deadline that passed during the halt) counts from the resume.
     */
    private static Instant sinceWatched(Rollout rollout, Instant conditionAt) {
        Instant resumed = rollout.getResumedAt();
        return resumed != null && resumed.isAfter(conditionAt) ? resumed : conditionAt;
    }

}
