package dev.fleetota.rollout;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatch gate: a send never runs once a halt has closed the gate, even a send that waited for the halting
 * transaction; the gate is held while the send runs and released after it, with the accepted command recorded in the
 * same round trip (or, when that recording fails, released all the same and said so).
 */
@IntegrationTest
class DispatchGateTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    DispatchGate gate;

    @Autowired
    CommandOutcomes outcomes;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    private long rollout;

    @BeforeEach
    void aRunningRollout() {
        rollout = EngineRows.rollout(jdbc, 8500 + SEQUENCE.incrementAndGet(), "RUNNING", 1, 1);
    }

    @Test
    void aSendThatWaitedForAHaltingTransactionSeesTheHaltAndDoesNotRun() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        CompletableFuture<Void> release = new CompletableFuture<>();
        Thread halter = new Thread(() -> tx.executeWithoutResult(s -> {
            gate.close(rollout);
            jdbc.update("UPDATE rollout SET status = 'HALTED' WHERE id = ?", rollout);
            closed.complete(null);
            release.join();
        }));
        halter.start();
        closed.get(10, TimeUnit.SECONDS);
        AtomicBoolean sent = new AtomicBoolean();

        CompletableFuture<Optional<DispatchGate.Sent<String>>> sending = CompletableFuture.supplyAsync(
                () -> gate.ifRunning(rollout, () -> {
                    sent.set(true);
                    return "sent";
                }, value -> null));
        Thread.sleep(300);
        boolean waited = !sending.isDone();
        release.complete(null);
        halter.join(10_000);

        assertThat(waited).as("the send waits while the halt holds the gate").isTrue();
        assertThat(sending.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(sent).as("nothing sent after the halt committed").isFalse();
        assertThat(gateHeld()).isFalse();
    }

    @Test
    void theGateIsHeldWhileTheSendRunsAndAnAcceptedCommandIsRecordedWithTheRelease() {
        FlashCommand command = claimedCommand();
        Instant now = Instant.now();
        AtomicBoolean heldDuringSend = new AtomicBoolean();

        Optional<DispatchGate.Sent<DeviceGateway.SendOutcome>> sent = gate.ifRunning(rollout, () -> {
            heldDuringSend.set(gateHeld());
            return DeviceGateway.SendOutcome.accepted();
        }, outcome -> outcomes.acceptedStatement(command, outcome, now));

        assertThat(heldDuringSend).isTrue();
        assertThat(sent).hasValueSatisfying(s -> assertThat(s.recorded()).isTrue());
        assertThat(gateHeld()).as("released").isFalse();
        assertThat(jdbc.queryForObject("SELECT status FROM flash_command WHERE id = ?", String.class, command.id()))
            .isEqualTo("SENT");
        assertThat(jdbc.queryForMap("SELECT state, deadline_at IS NOT NULL AS deadline FROM device_update WHERE id = ?",
                command.deviceUpdateId())).containsEntry("state", "REQUESTED").containsEntry("deadline", true);
        assertThat(jdbc.queryForList("SELECT from_state || '>' || to_state FROM device_update_transition "
                + "WHERE device_update_id = ?", String.class, command.deviceUpdateId()))
            .containsExactly("PENDING>REQUESTED");
    }

    @Test
    void aRecordingThatFailsWithTheReleaseLeavesTheGateReleasedAndTheCommandToBeRecordedApart() {
        FlashCommand command = claimedCommand();

        Optional<DispatchGate.Sent<String>> sent = gate.ifRunning(rollout, () -> "sent",
                value -> new DispatchGate.Then("UPDATE flash_command SET status = 'NOT A STATUS' WHERE id = ?",
                        command.id()));

        assertThat(sent).hasValueSatisfying(s -> {
            assertThat(s.value()).isEqualTo("sent");
            assertThat(s.recorded()).isFalse();
        });
        assertThat(gateHeld()).as("released").isFalse();
        assertThat(jdbc.queryForObject("SELECT status FROM flash_command WHERE id = ?", String.class, command.id()))
            .isEqualTo("SENDING");
    }

    @Test
    void theGateIsReleasedWhenMakingTheRecordingFails() {
        Optional<DispatchGate.Sent<String>> sent = gate.ifRunning(rollout, () -> "sent", value -> {
            throw new IllegalStateException("no policy, say");
        });

        assertThat(sent).hasValueSatisfying(s -> assertThat(s.recorded()).isFalse());
        assertThat(gateHeld()).as("released").isFalse();
    }

    /**
     * Whether any session holds the rollout's gate (including an idle pooled connection, which a try-lock from the
     * same session would not see: a session never conflicts with its own locks).
     */
    private boolean gateHeld() {
        Integer held = jdbc.queryForObject("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND classid = ?::bigint::oid AND objid = ?::bigint::oid AND objsubid = 2
                  AND granted
                """, Integer.class, DispatchGate.NAMESPACE, rollout);
        return held != null && held > 0;
    }

    private FlashCommand claimedCommand() {
        String device = TestDevices.device().insert(jdbc);
        long update = jdbc.queryForObject("""
                INSERT INTO device_update (rollout_id, device_id, batch_number, position, state, requested_at)
                VALUES (?, ?, 1, 1, 'PENDING', now()) RETURNING id
                """, Long.class, rollout, device);
        long id = jdbc.queryForObject("""
                INSERT INTO flash_command (device_update_id, rollout_id, device_id, attempt, firmware_version, status,
                                           claimed_at, claimed_by)
                VALUES (?, ?, ?, 1, ?, 'SENDING', now(), 'test') RETURNING id
                """, Long.class, update, rollout, device, EngineRows.TARGET);
        return new FlashCommand(id, update, rollout, device, 1, EngineRows.TARGET, false);
    }

}
