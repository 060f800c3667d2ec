package dev.fleetota.rollout;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.springframework.transaction.support.TransactionTemplate;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The halt paths that do not wait for the tick interval: a failed device update wakes the ticker once its
 * transaction committed, and a step says when the next device in safe mode turns silent, so the ticker looks again
 * right then. Tests tick themselves; nothing here sleeps.
 */
@IntegrationTest
class HaltWakeTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    DeviceEventIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EngineSignals signals;

    @Autowired
    DeviceUpdateTransitions transitions;

    @Autowired
    RolloutTicker ticker;

    @Autowired
    RolloutStepper stepper;

    @Autowired
    RolloutControl control;

    @Autowired
    TransactionTemplate tx;

    private long rollout;

    @BeforeEach
    void aRunningRolloutOfOneBatch() {
        rollout = EngineRows.rollout(jdbc, 7500 + SEQUENCE.incrementAndGet(), "RUNNING", 1, 1);
        jdbc.update("INSERT INTO rollout_batch (rollout_id, number, size, status, started_at) VALUES (?, 1, 2, "
                + "'ACTIVE', now())", rollout);
        signals.step().clear();
    }

    @Test
    void aFailedDeviceUpdateWakesTheTickerOnlyOnceItsTransactionCommitted() throws Exception {
        long update = deviceUpdate("FLASHING", null);

        boolean wokenBeforeCommit = Boolean.TRUE.equals(tx.execute(s -> {
            transitions.apply(update, DeviceUpdateState.FLASHING, DeviceUpdateState.FLASH_FAILED, "test", null,
                    RolloutPolicy.defaults().safety(), Instant.now());
            try {
                return signals.step().await(0);
            }
            catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
        }));

        assertThat(wokenBeforeCommit).as("woken while the failure is not visible yet").isFalse();
        assertThat(signals.step().await(0)).as("woken after the commit").isTrue();
    }

    @Test
    void resumingARolloutWakesTheTickerOnceTheResumeCommitted() {
        long halted = EngineRows.rollout(jdbc, 7500 + SEQUENCE.incrementAndGet(), "HALTED", 1, 1);
        jdbc.update("INSERT INTO rollout_batch (rollout_id, number, size, status, started_at) VALUES (?, 1, 2, "
                + "'ACTIVE', now())", halted);
        signals.step().clear();

        control.resume(halted);

        assertThat(jdbc.queryForObject("SELECT status FROM rollout WHERE id = ?", String.class, halted))
            .isEqualTo("RUNNING");
        assertThat(wokenNow()).as("a failure that came in while it was halted is judged at once").isTrue();
    }

    private boolean wokenNow() {
        try {
            return signals.step().await(0);
        }
        catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void aFlashFailureEventWakesTheTickerWhichHaltsAtOnceWithTheFailureAsCondition() throws Exception {
        Instant requested = Instant.now().minusSeconds(5);
        String started = device();
        deviceUpdate("REQUESTED", started, requested);
        String failing = device();
        deviceUpdate("REQUESTED", failing, requested);

        intake.acceptAll(List.of(event(started, "started "), event(failing, "started ")), EventSource.SSE);
        assertThat(signals.step().await(0)).as("no failure: no wake-up").isFalse();

        intake.acceptAll(List.of(event(failing, "failed ")), EventSource.SSE);
        assertThat(signals.step().await(0)).as("a failure: the ticker is woken").isTrue();

        ticker.tick();
        assertThat(jdbc.queryForObject("SELECT status FROM rollout WHERE id = ?", String.class, rollout))
            .isEqualTo("HALTED");
        Instant failedAt = jdbc.queryForObject("SELECT state_changed_at FROM device_update WHERE device_id = ?",
                Timestamp.class, failing).toInstant();
        assertThat(haltReason("rule")).isEqualTo(HaltReason.FAILURE_THRESHOLD);
        assertThat(Instant.parse(haltReason("conditionAt"))).isEqualTo(failedAt);
        assertThat(Instant.parse(haltReason("decidedAt"))).isAfterOrEqualTo(failedAt);
    }

    @Test
    void aStepReturnsWhenTheFirstDeviceInSafeModeTurnsSilentAndTheTickAtThatTimeHalts() {
        Duration silence = RolloutPolicy.defaults().safety().safeModeSilence();
        Instant early = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long first = deviceUpdate("SAFE_MODE", early);
        deviceUpdate("SAFE_MODE", early.plusSeconds(30));

        assertThat(stepper.step(rollout)).isEqualTo(early.plus(silence));

        jdbc.update("UPDATE device_update SET safe_mode_since = safe_mode_since - ?::interval, "
                + "last_event_at = last_event_at - ?::interval WHERE id = ?", silence.toString(), silence.toString(),
                first);
        stepper.step(rollout);

        assertThat(jdbc.queryForObject("SELECT status FROM rollout WHERE id = ?", String.class, rollout))
            .isEqualTo("HALTED");
        assertThat(haltReason("rule")).isEqualTo(HaltReason.SILENT_IN_SAFE_MODE);
        assertThat(Instant.parse(haltReason("conditionAt"))).isEqualTo(early);
        assertThat(stepper.step(rollout)).as("halted: no silence watched for a halt").isNull();
    }

    @Test
    void aSilenceDeadlineThatPassedWhileHaltedCountsFromTheResume() {
        Duration silence = RolloutPolicy.defaults().safety().safeModeSilence();
        rollout = EngineRows.rollout(jdbc, 7500 + SEQUENCE.incrementAndGet(), "HALTED", 1, 1);
        jdbc.update("INSERT INTO rollout_batch (rollout_id, number, size, status, started_at) VALUES (?, 1, 2, "
                + "'ACTIVE', now())", rollout);
        Instant deadline = Instant.now().minus(silence).truncatedTo(ChronoUnit.MILLIS);
        deviceUpdate("SAFE_MODE", deadline.minus(silence));

        control.resume(rollout);
        Instant resumedAt = jdbc.queryForObject("SELECT resumed_at FROM rollout WHERE id = ?", Timestamp.class,
                rollout).toInstant();
        stepper.step(rollout);

        assertThat(jdbc.queryForObject("SELECT status FROM rollout WHERE id = ?", String.class, rollout))
            .isEqualTo("HALTED");
        assertThat(haltReason("rule")).isEqualTo(HaltReason.SILENT_IN_SAFE_MODE);
        assertThat(resumedAt).isAfter(deadline);
        assertThat(Instant.parse(haltReason("conditionAt"))).as("not the deadline, which passed while halted")
            .isEqualTo(resumedAt);
    }

    private String haltReason(String field) {
        return jdbc.queryForObject("SELECT halt_reason ->> ? FROM rollout WHERE id = ?", String.class, field,
                rollout);
    }

    private String device() {
        String id = String.format("c0c0c0c0c0c0c0c0c0%06x", SEQUENCE.incrementAndGet());
        jdbc.update("INSERT INTO device (id, platform_id, firmware_version) VALUES (?, 13, 3)", id);
        return id;
    }

    /** A device update in safe mode since (and last heard at) {@code since}. */
    private long deviceUpdate(String state, Instant since) {
        long id = deviceUpdate(state, device(), since == null ? null : since.minusSeconds(60));
        jdbc.update("UPDATE device_update SET safe_mode_since = ?, last_event_at = ? WHERE id = ?", ts(since),
                ts(since), id);
        return id;
    }

    private long deviceUpdate(String state, String device, Instant requestedAt) {
        return jdbc.queryForObject("""
                INSERT INTO device_update (rollout_id, device_id, batch_number, position, state, requested_at)
                VALUES (?, ?, 1, 1, ?, ?) RETURNING id
                """, Long.class, rollout, device, state, ts(requestedAt));
    }

    private static IncomingEvent event(String device, String data) {
        return new IncomingEvent("spark/flash/status", data, Instant.now().toString(), device, 3);
    }

}
