package dev.fleetota.rollout;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.rollout.DeviceUpdateProgress.Step;
import dev.fleetota.rollout.DeviceUpdateTransitions.Move;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Moves a device's in-flight update forward on each of its events (design §3). Runs inside the transaction that
 * stored the event, so the event and its effect commit together. Events that predate the flash command, duplicates
 * and late arrivals never move a device update backwards.
 */
@Component
class DeviceUpdateTracker {

    private static final Logger log = LoggerFactory.getLogger(DeviceUpdateTracker.class);

    /**
     * A device update the device's events can move: sent, or claimed for sending, and not finished. Wrapped in
     * {@code IS TRUE} so that the planner can only filter on it, never scan an index for it: without statistics for
     * the rollout's new rows (right after it was created, or wherever autovacuum is off) it OR-ed the in-flight index
     * with an index scan of every PENDING row of the rollout (8 ms per batch at 20k devices, more with more PENDING rows);
     * the only index this lookup needs is the one on {@code device_id}.
     */
    private static final String IN_FLIGHT = """
            ((du.state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING')
              OR (du.state = 'PENDING' AND du.requested_at IS NOT NULL)) IS TRUE)
            """;

    /**
     * The in-flight updates of a batch's devices, locked in id order (so two batches cannot deadlock); a device has
     * at most one, or a claimed PENDING one besides, of which the newest counts.
     */
    private static final String LOCK_IN_FLIGHT = """
            SELECT du.id, du.rollout_id, du.device_id, du.attempt, du.state, du.state_changed_at, du.requested_at,
                   du.flash_succeeded_at, du.last_event_at, r.target_firmware_version
            FROM device_update du JOIN rollout r ON r.id = du.rollout_id
            WHERE du.device_id = ANY (?) AND %s
            ORDER BY du.id
            FOR UPDATE OF du
            """.formatted(IN_FLIGHT);

    /**
     * An event this soon after the update entered its state (and after the event before it) may be the second half
     * of the pair that moved it: the reset's {@code offline} arriving after its {@code online} (reversed in the
     * stream, or the old session's close published after the new one's start). The simulator's reversed pairs arrive
     * within milliseconds; the contract gives no bound for the real cloud (assumed: within this time).
     */
    static final java.time.Duration RESET_ECHO = java.time.Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;

    private final DeviceUpdateTransitions transitions;

    private final RolloutSettingsCache settings;

    private final Clock clock;

    DeviceUpdateTracker(JdbcTemplate jdbc, DeviceUpdateTransitions transitions, RolloutSettingsCache settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.settings = settings;
        this.clock = clock;
    }

    /** One event of a stored batch, as the tracker needs it. */
    record Tracked(String deviceId, Long eventId, Observation observation) {
    }

    /**
     * Moves the devices' in-flight updates on the batch's events, in arrival order: one statement locks them all,
     * each event's transitions follow, and each device's last event (and transfer success) is written once.
     */
    void onEvents(List<Tracked> events) {
        Map<String, TrackedUpdate> updates = lockInFlight(events.stream().map(Tracked::deviceId).distinct().toList());
        if (updates.isEmpty()) {
            return;
        }
        Map<Long, TrackedUpdate> noted = new LinkedHashMap<>();
        List<Move> moves = new ArrayList<>();
        for (Tracked event : events) {
            TrackedUpdate du = updates.get(event.deviceId());
            if (du == null) {
                continue;
            }
            TrackedUpdate after = onEvent(du, event.eventId(), event.observation(), moves);
            if (after != du) {
                noted.put(after.id(), after);
                updates.put(event.deviceId(), after);
            }
        }
        boolean[] applied = transitions.applyAll(moves);
        for (int i = 0; i < applied.length; i++) {
            if (!applied[i]) { // cannot happen while this transaction holds the row: say so if it ever does
                log.warn("Device update {} was not in {} when moving it to {}; left as it was", moves.get(i).id(),
                        moves.get(i).from(), moves.get(i).to());
            }
        }
        note(noted.values());
    }

    private void note(java.util.Collection<TrackedUpdate> noted) {
        jdbc.batchUpdate("""
                UPDATE device_update SET last_event_at = greatest(last_event_at, ?),
                    flash_succeeded_at = coalesce(flash_succeeded_at, ?)
                WHERE id = ?
                """, noted.stream().map(u -> new Object[] { ts(u.lastEventAt()), ts(u.flashSucceededAt()), u.id() })
            .toList());
    }

    private Map<String, TrackedUpdate> lockInFlight(List<String> deviceIds) {
        Map<String, TrackedUpdate> found = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(LOCK_IN_FLIGHT);
            ps.setArray(1, connection.createArrayOf("varchar", deviceIds.toArray()));
            return ps;
        }, rs -> {
            TrackedUpdate du = DeviceUpdateRows.tracked(rs, 0);
            found.put(du.deviceId(), du); // ordered by id: the newest wins
        });
        return found;
    }

    /**
     * One event; returns the update as it is after it (the same object when the event predates the command), adding
     * its transitions to {@code moves}: the batch applies them in order once all its events are read
     * ({@link DeviceUpdateTransitions#applyAll}), which is the same as one by one since this transaction holds the
     * rows ({@code FOR UPDATE}) and nothing else in it moves them.
     */
    private TrackedUpdate onEvent(TrackedUpdate du, Long eventId, Observation event, List<Move> moves) {
        Instant now = clock.instant();
        Instant at = event.publishedAt() == null || event.publishedAt().isAfter(now) ? now : event.publishedAt();
        if (du.requestedAt() != null && at.isBefore(du.requestedAt().minusSeconds(2))) {
            return du; // published before we sent the command: not a response to it
        }
        DeviceUpdateState state = du.state();
        boolean transferDone = du.flashSucceededAt() != null || isTransferSuccess(event);
        Instant flashSucceededAt = du.flashSucceededAt() == null && isTransferSuccess(event) && isBeforeRestart(state)
                ? at : du.flashSucceededAt();
        Instant lastEventAt = du.lastEventAt() == null || at.isAfter(du.lastEventAt()) ? at : du.lastEventAt();
        SafetyPolicy safety = settings.policy(du.rolloutId()).safety();
        for (Step step : DeviceUpdateProgress.onEvent(state, event, du.targetFirmwareVersion(), transferDone,
                isEcho(du, at, now))) {
            if (state == DeviceUpdateState.PENDING) {
                // a command was claimed and sent but its acceptance is not recorded yet: the device clearly got it
                moves.add(new Move(du.id(), state, DeviceUpdateState.REQUESTED, "event before acceptance", null, safety,
                        now));
                state = DeviceUpdateState.REQUESTED;
            }
            moves.add(new Move(du.id(), state, step.to(), step.cause(), eventId, safety, now));
            state = step.to();
        }
        return du.after(state, flashSucceededAt, lastEventAt, now);
    }

    /**
     * Handled within {@link #RESET_ECHO} after the update entered its state, and published no later than that after
     * the latest event before it (so a backlog does not make a later drop look like an echo).
     */
    private static boolean isEcho(TrackedUpdate du, Instant at, Instant now) {
        return du.stateChangedAt() != null && !now.isAfter(du.stateChangedAt().plus(RESET_ECHO))
                && (du.lastEventAt() == null || !at.isAfter(du.lastEventAt().plus(RESET_ECHO)));
    }

    private static boolean isBeforeRestart(DeviceUpdateState state) {
        return state == DeviceUpdateState.PENDING || state == DeviceUpdateState.REQUESTED
                || state == DeviceUpdateState.FLASHING;
    }

    private static boolean isTransferSuccess(Observation event) {
        return event.is(Observation.FLASH_STATUS, "success");
    }

}
