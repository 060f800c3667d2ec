package dev.fleetota.rollout;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.fleetota.rollout.DeviceUpdateProgress.Step;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves a device's in-flight update forward on each of its events (design §3). Runs inside the transaction that
 * stored the event, so the event and its effect commit together. Events that predate the flash command, duplicates
 * and late arrivals never move a device update backwards.
 */
@Component
class DeviceUpdateTracker {

    /** A device update the device's events can move: sent, or claimed for sending, and not finished. */
    private static final String IN_FLIGHT = """
            (du.state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING')
             OR (du.state = 'PENDING' AND du.requested_at IS NOT NULL))
            """;

    private static final String FIND = """
            SELECT du.id, du.rollout_id, du.device_id, du.attempt, du.state, du.requested_at, du.flash_succeeded_at,
                   du.last_event_at, r.target_firmware_version
            FROM device_update du JOIN rollout r ON r.id = du.rollout_id
            WHERE du.device_id = ? AND %s
            ORDER BY du.id DESC LIMIT 1
            FOR UPDATE OF du
            """.formatted(IN_FLIGHT);

    /** Same condition as {@link #FIND} ({@code rollout_id} is a non-null foreign key, so the join filters nothing). */
    private static final String IN_FLIGHT_AMONG = """
            SELECT DISTINCT du.device_id FROM device_update du WHERE du.device_id = ANY (?) AND %s
            """.formatted(IN_FLIGHT);

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

    /**
     * Which of these devices have an update in flight (one query, no lock): only their events can move anything, and
     * {@link #onEvent} locks and re-reads the update itself.
     */
    Set<String> withUpdateInFlight(Collection<String> deviceIds) {
        String[] ids = deviceIds.stream().distinct().toArray(String[]::new);
        Set<String> found = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(IN_FLIGHT_AMONG);
            ps.setArray(1, connection.createArrayOf("varchar", ids));
            return ps;
        }, rs -> {
            found.add(rs.getString(1));
        });
        return found;
    }

    void onEvent(String deviceId, Long eventId, Observation event) {
        List<TrackedUpdate> found = jdbc.query(FIND, DeviceUpdateRows::tracked, deviceId);
        if (found.isEmpty()) {
            return;
        }
        TrackedUpdate du = found.get(0);
        Instant now = clock.instant();
        Instant at = event.publishedAt() == null || event.publishedAt().isAfter(now) ? now : event.publishedAt();
        if (du.requestedAt() != null && at.isBefore(du.requestedAt().minusSeconds(2))) {
            return; // published before we sent the command: not a response to it
        }
        noteEvent(du, event, at);
        DeviceUpdateState state = du.state();
        boolean transferDone = du.flashSucceededAt() != null || isTransferSuccess(event);
        SafetyPolicy safety = settings.policy(du.rolloutId()).safety();
        for (Step step : DeviceUpdateProgress.onEvent(state, event, du.targetFirmwareVersion(), transferDone)) {
            DeviceUpdateState from = state == DeviceUpdateState.PENDING ? promote(du, safety, now) : state;
            if (!transitions.apply(du.id(), from, step.to(), step.cause(), eventId, safety, now)) {
                return;
            }
            state = step.to();
        }
    }

    /** A command was claimed and sent but its acceptance is not recorded yet: the device clearly got it. */
    private DeviceUpdateState promote(TrackedUpdate du, SafetyPolicy safety, Instant now) {
        transitions.apply(du.id(), DeviceUpdateState.PENDING, DeviceUpdateState.REQUESTED, "event before acceptance",
                null, safety, now);
        return DeviceUpdateState.REQUESTED;
    }

    private void noteEvent(TrackedUpdate du, Observation event, Instant at) {
        jdbc.update("""
                UPDATE device_update SET last_event_at = greatest(last_event_at, ?::timestamptz),
                    flash_succeeded_at = CASE WHEN ? AND state IN ('PENDING', 'REQUESTED', 'FLASHING')
                                              THEN coalesce(flash_succeeded_at, ?::timestamptz) ELSE flash_succeeded_at END
                WHERE id = ?
                """, DeviceUpdateTransitions.ts(at), isTransferSuccess(event), DeviceUpdateTransitions.ts(at), du.id());
    }

    private static boolean isTransferSuccess(Observation event) {
        return event.is(Observation.FLASH_STATUS, "success");
    }

}
