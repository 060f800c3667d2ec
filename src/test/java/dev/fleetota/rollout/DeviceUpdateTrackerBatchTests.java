package dev.fleetota.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.IntegrationTest;
import dev.fleetota.events.DeviceEventIntake;
import dev.fleetota.events.EventSource;
import dev.fleetota.events.IncomingEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** One intake batch with events of many devices: only devices with an update in flight move, each in event order. */
@IntegrationTest
class DeviceUpdateTrackerBatchTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final int TARGET = EngineRows.TARGET;

    @Autowired
    DeviceEventIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DeviceUpdateTransitions transitions;

    private long rollout;

    /** In the past and before 2025-02 (other tests of the shared context count events published since then). */
    private final Instant requested = Instant.parse("2025-01-20T00:00:00Z");

    @BeforeEach
    void aRollout() {
        rollout = EngineRows.rollout(jdbc, 7000 + SEQUENCE.incrementAndGet(), "PAUSED", 0, 0);
    }

    @Test
    void aBatchMovesOnlyDevicesWithAnUpdateInFlight() {
        String flashing = device("REQUESTED", requested);
        String claimed = device("PENDING", requested);
        String notStarted = device("PENDING", null);
        String finished = device("SUCCEEDED", requested);
        String noUpdate = device(null, null);
        String unknown = "ffffffffffffffffffffff03";
        Instant at = requested.plusSeconds(50);

        intake.acceptAll(List.of(event(notStarted, "spark/flash/status", "started", at, 3),
                event(flashing, "spark/flash/status", "started", at, 3),
                event(unknown, "spark/flash/status", "started", at, 3),
                event(noUpdate, "spark/flash/status", "started", at, 3),
                event(claimed, "spark/flash/status", "started", at, 3),
                event(finished, "spark/flash/status", "started", at, 3),
                event(flashing, "spark/flash/status", "success", at.plusSeconds(1), 3)), EventSource.SSE);

        assertThat(state(flashing)).isEqualTo("FLASHING");
        assertThat(state(claimed)).as("claimed, acceptance not recorded yet").isEqualTo("FLASHING");
        assertThat(state(notStarted)).isEqualTo("PENDING");
        assertThat(state(finished)).isEqualTo("SUCCEEDED");
        assertThat(transitions(flashing)).containsExactly("REQUESTED>FLASHING");
        assertThat(transitions(claimed)).containsExactly("PENDING>REQUESTED", "REQUESTED>FLASHING");
        assertThat(transitions(notStarted)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT flash_succeeded_at IS NOT NULL FROM device_update WHERE device_id = ?",
                Boolean.class, flashing)).as("the second event of the device saw the first one's effect").isTrue();
    }

    @Test
    void severalEventsOfOneDeviceInOneBatchWalkItThroughTheStatesInOrder() {
        String device = device("REQUESTED", requested);
        Instant at = requested.plusSeconds(30);
        List<IncomingEvent> events = new ArrayList<>(List.of(event(device, "spark/flash/status", "started", at, 3),
                event(device, "spark/flash/status", "success", at.plusSeconds(5), 3),
                event(device, "spark/status", "offline", at.plusSeconds(6), 3),
                event(device, "spark/status", "online", at.plusSeconds(20), TARGET)));

        intake.acceptAll(events, EventSource.SSE);

        assertThat(transitions(device)).containsExactly("REQUESTED>FLASHING", "FLASHING>RESTARTED",
                "RESTARTED>VERIFYING");
        assertThat(state(device)).isEqualTo("VERIFYING");
    }

    @Test
    void theResetsOfflineArrivingAfterItsOnlineWithTheSameTimestampDoesNotUndoTheVerification() {
        String inOneBatch = device("REQUESTED", requested);
        String acrossBatches = device("REQUESTED", requested);
        Instant at = requested.plusSeconds(30);
        Instant reset = at.plusSeconds(20);
        for (String d : List.of(inOneBatch, acrossBatches)) {
            intake.acceptAll(List.of(event(d, "spark/flash/status", "started", at, 3),
                    event(d, "spark/flash/status", "success", at.plusSeconds(5), 3)), EventSource.SSE);
        }

        intake.acceptAll(List.of(event(inOneBatch, "spark/status", "online", reset, TARGET),
                event(inOneBatch, "spark/status", "offline", reset, TARGET)), EventSource.SSE);
        intake.acceptAll(List.of(event(acrossBatches, "spark/status", "online", reset, TARGET)), EventSource.SSE);
        intake.acceptAll(List.of(event(acrossBatches, "spark/status", "offline", reset.minusMillis(300), TARGET)),
                EventSource.SSE);

        assertThat(state(inOneBatch)).isEqualTo("VERIFYING");
        assertThat(state(acrossBatches)).isEqualTo("VERIFYING");
        assertThat(transitions(acrossBatches)).containsExactly("REQUESTED>FLASHING", "FLASHING>RESTARTED",
                "RESTARTED>VERIFYING");

        intake.acceptAll(List.of(event(acrossBatches, "spark/status", "offline", reset.plusSeconds(5), TARGET)),
                EventSource.SSE);

        assertThat(state(acrossBatches)).as("published 5 s later: a new drop, even when handled at once")
            .isEqualTo("RESTARTED");
    }

    @Test
    void movesAppliedTogetherKeepTheirGuardAMoveFromAStateTheUpdateIsNotInChangesNothingNorDoItsFollowers() {
        String stale = device("REQUESTED", requested);
        String fresh = device("REQUESTED", requested);
        SafetyPolicy safety = RolloutPolicy.defaults().safety();
        Instant now = Instant.now();

        boolean[] applied = transitions.applyAll(List.of(
                move(stale, DeviceUpdateState.FLASHING, DeviceUpdateState.RESTARTED, safety, now),
                move(fresh, DeviceUpdateState.REQUESTED, DeviceUpdateState.FLASHING, safety, now),
                move(stale, DeviceUpdateState.RESTARTED, DeviceUpdateState.VERIFYING, safety, now),
                move(fresh, DeviceUpdateState.FLASHING, DeviceUpdateState.RESTARTED, safety, now)));

        assertThat(applied).containsExactly(false, true, false, true);
        assertThat(state(stale)).isEqualTo("REQUESTED");
        assertThat(transitions(stale)).isEmpty();
        assertThat(state(fresh)).isEqualTo("RESTARTED");
        assertThat(transitions(fresh)).containsExactly("REQUESTED>FLASHING", "FLASHING>RESTARTED");
        assertThat(jdbc.queryForObject("SELECT deadline_at > now() FROM device_update WHERE device_id = ?",
                Boolean.class, fresh)).as("the last move's entry action: the online-after-reset deadline").isTrue();
    }

    private DeviceUpdateTransitions.Move move(String device, DeviceUpdateState from, DeviceUpdateState to,
            SafetyPolicy safety, Instant now) {
        long id = jdbc.queryForObject("SELECT id FROM device_update WHERE device_id = ?", Long.class, device);
        return new DeviceUpdateTransitions.Move(id, from, to, "test", null, safety, now);
    }

    private String device(String updateState, Instant requestedAt) {
        String id = String.format("b0b0b0b0b0b0b0b0b0%06x", SEQUENCE.incrementAndGet());
        jdbc.update("INSERT INTO device (id, platform_id, firmware_version) VALUES (?, 13, 3)", id);
        if (updateState != null) {
            jdbc.update("""
                    INSERT INTO device_update (rollout_id, device_id, batch_number, position, state, requested_at)
                    VALUES (?, ?, 1, 1, ?, ?)
                    """, rollout, id, updateState, DeviceUpdateTransitions.ts(requestedAt));
        }
        return id;
    }

    private static IncomingEvent event(String device, String name, String data, Instant at, int version) {
        return new IncomingEvent(name, data, at.toString(), device, version);
    }

    private String state(String device) {
        return jdbc.queryForObject("SELECT state FROM device_update WHERE device_id = ?", String.class, device);
    }

    private List<String> transitions(String device) {
        return jdbc.queryForList("""
                SELECT from_state || '>' || to_state FROM device_update_transition WHERE device_id = ? ORDER BY id
                """, String.class, device);
    }

}
