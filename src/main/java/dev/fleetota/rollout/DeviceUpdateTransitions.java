package dev.fleetota.rollout;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies one device-update transition with the entry actions of the new state (its deadline, safe-mode start,
 * verify period, finish time) and records it in the timeline. The update is guarded by the expected current state,
 * so a concurrent change makes it a no-op instead of a double move.
 */
@Component
class DeviceUpdateTransitions {

    private final JdbcTemplate jdbc;

    private final RolloutMetrics metrics;

    private final EngineSignals signals;

    DeviceUpdateTransitions(JdbcTemplate jdbc, RolloutMetrics metrics, EngineSignals signals) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.signals = signals;
    }

    /** One transition, with the time it is decided at and the policy that sets its deadline. */
    record Move(long id, DeviceUpdateState from, DeviceUpdateState to, String cause, Long eventId,
            SafetyPolicy safety, Instant now) {
    }

    /** A guarded move with its entry actions, as a data-modifying CTE named {@code moved}. */
    private static final String MOVED = """
            moved AS (
                UPDATE device_update SET state = ?, state_changed_at = ?, deadline_at = ?,
                    requested_at = CASE WHEN ? THEN coalesce(requested_at, ?::timestamptz) ELSE requested_at END,
                    safe_mode_since = CASE WHEN ? THEN ?::timestamptz ELSE safe_mode_since END,
                    verify_until = CASE WHEN ? THEN ?::timestamptz ELSE verify_until END,
                    finished_at = CASE WHEN ? THEN ?::timestamptz ELSE NULL END,
                    reason = CASE WHEN ? THEN ? ELSE reason END
                WHERE id = ? AND state = ?
                RETURNING id, rollout_id, device_id, attempt)
            INSERT INTO device_update_transition
                (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause, event_id)
            SELECT id, rollout_id, device_id, attempt, ?, ?, ?, ?, ? FROM moved
            """;

    private static final String MOVE = "WITH " + MOVED;

    /**
     * Returns false when the device update was no longer in {@code from}. The move and its timeline row are one
     * statement (one round trip: a device update makes about six of them).
     */
    boolean apply(long id, DeviceUpdateState from, DeviceUpdateState to, String cause, Long eventId,
            SafetyPolicy safety, Instant now) {
        return applyAll(List.of(new Move(id, from, to, cause, eventId, safety, now)))[0];
    }

    /**
     * Applies the moves in order, in one round trip (a JDBC batch of the statement {@link #apply} runs); each one is
     * guarded by its {@code from} state like {@link #apply}, so a move whose update is no longer in that state (nor
     * any later move of it that expected the first to apply) changes nothing. Returns, per move, whether it applied.
     */
    boolean[] applyAll(List<Move> moves) {
        boolean[] applied = new boolean[moves.size()];
        if (moves.isEmpty()) {
            return applied;
        }
        int[] counts = jdbc.batchUpdate(MOVE, moves.stream().map(DeviceUpdateTransitions::arguments).toList());
        for (int i = 0; i < moves.size(); i++) {
            applied[i] = counts[i] > 0;
            if (applied[i]) {
                DeviceUpdateState to = moves.get(i).to();
                if (to.isTerminal()) {
                    metrics.deviceOutcome(to);
                }
                if (to.isFailure()) {
                    signals.step().afterCommit(1); // the failure threshold is checked at once, not at the next tick
                }
            }
        }
        return applied;
    }

    private static Object[] arguments(Move m) {
        DeviceUpdateState to = m.to();
        Instant now = m.now();
        Instant deadline = deadlineOnEntry(to, m.safety(), now);
        return new Object[] { to.name(), ts(now), ts(deadline), to == DeviceUpdateState.REQUESTED, ts(now),
                to == DeviceUpdateState.SAFE_MODE, ts(now), to == DeviceUpdateState.VERIFYING, ts(deadline),
                to.isTerminal(), ts(now), to.isFailure() || to == DeviceUpdateState.SKIPPED, truncate(m.cause(), 300),
                m.id(), m.from().name(), ts(now), m.from().name(), to.name(), truncate(m.cause(), 64), m.eventId() };
    }

    /**
     * {@link #apply}'s statement led by another data-modifying CTE ({@code name AS (…)}, with its arguments), as one
     * statement: both apply or neither. Its update count is the number of timeline rows written (1 when the move
     * applied). Nothing is counted in the metrics.
     */
    static DispatchGate.Then applyAfter(String cte, Object[] cteArguments, Move move) {
        Object[] moveArguments = arguments(move);
        Object[] all = Arrays.copyOf(cteArguments, cteArguments.length + moveArguments.length);
        System.arraycopy(moveArguments, 0, all, cteArguments.length, moveArguments.length);
        return new DispatchGate.Then("WITH " + cte + ",\n" + MOVED, all);
    }

    /** An operator skip: allowed from PENDING and from failures (which then no longer count toward a halt). */
    void forceSkip(long id, DeviceUpdateState from, String cause, Instant now) {
        int updated = jdbc.update("""
                UPDATE device_update SET state = 'SKIPPED', state_changed_at = ?, finished_at = ?, deadline_at = NULL,
                    reason = ?, acknowledged_at = coalesce(acknowledged_at, ?::timestamptz)
                WHERE id = ? AND state = ?
                """, ts(now), ts(now), cause, ts(now), id, from.name());
        if (updated > 0) {
            record(id, from, DeviceUpdateState.SKIPPED, cause, null, now);
        }
    }

    void record(long id, DeviceUpdateState from, DeviceUpdateState to, String cause, Long eventId, Instant now) {
        jdbc.update("""
                INSERT INTO device_update_transition
                    (device_update_id, rollout_id, device_id, attempt, at, from_state, to_state, cause, event_id)
                SELECT id, rollout_id, device_id, attempt, ?, ?, ?, ?, ? FROM device_update WHERE id = ?
                """, ts(now), from == null ? null : from.name(), to.name(), truncate(cause, 64), eventId, id);
    }

    static Instant deadlineOnEntry(DeviceUpdateState state, SafetyPolicy safety, Instant now) {
        Duration d = switch (state) {
            case REQUESTED -> safety.flashStartTimeout();
            case FLASHING -> safety.flashTimeout();
            case SAFE_MODE -> safety.safeModeMaxDuration();
            case RESTARTED -> safety.onlineAfterResetTimeout();
            case VERIFYING -> safety.verifyPeriod();
            default -> null;
        };
        return d == null ? null : now.plus(d);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

}
