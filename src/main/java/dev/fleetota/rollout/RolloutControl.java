package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operator actions on a rollout and on single devices in it. Each is one audited transaction. */
@Service
public class RolloutControl {

    private final RolloutRepository rollouts;

    private final RolloutCreation creation;

    private final DeviceUpdateStore store;

    private final DeviceUpdateTransitions transitions;

    private final BatchProgress batches;

    private final CommandOutbox outbox;

    private final RolloutStepper stepper;

    private final RolloutQueries queries;

    private final AuditService audit;

    private final RolloutMetrics metrics;

    private final Clock clock;

    private final DispatchGate gate;

    private final EngineSignals signals;

    RolloutControl(DispatchGate gate, RolloutRepository rollouts, RolloutCreation creation, DeviceUpdateStore store,
            DeviceUpdateTransitions transitions, BatchProgress batches, CommandOutbox outbox, RolloutStepper stepper,
            RolloutQueries queries, AuditService audit, RolloutMetrics metrics, Clock clock, EngineSignals signals) {
        this.gate = gate;
        this.signals = signals;
        this.rollouts = rollouts;
        this.creation = creation;
        this.store = store;
        this.transitions = transitions;
        this.batches = batches;
        this.outbox = outbox;
        this.stepper = stepper;
        this.queries = queries;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Freezes the plan (batches and device updates) and starts the rollout, or schedules it for its start time. */
    @Transactional
    public RolloutView start(long id) {
        return act(id, "start", (rollout, now) -> {
            if (rollout.getStatus() != RolloutStatus.DRAFT) {
                throw new IllegalRolloutTransitionException(id, rollout.getStatus(), "start");
            }
            RolloutPlan plan = creation.plan(rollout);
            if (plan.batches().isEmpty()) {
                throw new ConflictException("empty-rollout", "Nothing to update",
                        "No device of the rollout's cohorts needs this firmware (" + plan.excluded().size()
                                + " excluded); see GET /api/v1/rollouts/" + id + "/plan.",
                        Map.of("rolloutId", id, "excluded", plan.excluded().size()));
            }
            store.insertPlan(id, plan);
            rollout.start(plan.batches().size(), now);
            if (rollout.getStatus() == RolloutStatus.RUNNING) {
                stepper.openBatch(rollout, 1, now);
            }
        });
    }

    @Transactional
    public RolloutView pause(long id) {
        return act(id, "pause", (rollout, now) -> {
            gate.close(id);
            rollout.pause(now);
            outbox.cancelPending(id);
        });
    }

    /** Resumes a paused rollout, or a halted one: the failures seen so far are accepted and no longer count. */
    @Transactional
    public RolloutView resume(long id) {
        return act(id, "resume", (rollout, now) -> {
            boolean halted = rollout.getStatus() == RolloutStatus.HALTED;
            rollout.resume(now);
            if (halted) {
                batches.acknowledgeFailures(id, now);
            }
            // step it at once, not at the next tick: a device that failed while the resume committed (so not
            // acknowledged by it, and its own wake-up came while the rollout was still halted) is judged now
            signals.step().afterCommit(1);
        });
    }

    @Transactional
    public RolloutView approve(long id) {
        return act(id, "approve", (rollout, now) -> {
            rollout.approve(now);
            stepper.openBatch(rollout, rollout.getCurrentBatch() + 1, now);
        });
    }

    @Transactional
    public RolloutView cancel(long id) {
        return act(id, "cancel", (rollout, now) -> {
            gate.close(id);
            rollout.cancel(now);
            outbox.cancelPending(id);
            store.skipAllPending(id, "rollout cancelled", now);
        });
    }

    /** A new, recorded attempt for a device whose update ended without success. */
    @Transactional
    public RolloutView retryDevice(long id, String deviceId) {
        return act(id, "retry-device", (rollout, now) -> {
            requireNotFinished(rollout, "retry-device");
            long du = deviceUpdate(id, deviceId);
            DeviceUpdateState from = store.stateOf(du);
            if (!store.retry(id, deviceId, now)) {
                throw new ConflictException("device-update-not-retryable", "Device cannot be retried",
                        "Device " + deviceId + " is " + from + "; only failed or skipped devices can be retried.",
                        Map.of("rolloutId", id, "deviceId", deviceId, "currentState", from.name()));
            }
            transitions.record(du, from, DeviceUpdateState.PENDING, "operator retry", null, now);
        }, Map.of("deviceId", deviceId));
    }

    /** Skips a device that has not started or has failed (a skipped failure no longer counts toward a halt). */
    @Transactional
    public RolloutView skipDevice(long id, String deviceId) {
        return act(id, "skip-device", (rollout, now) -> {
            requireNotFinished(rollout, "skip-device");
            long du = deviceUpdate(id, deviceId);
            DeviceUpdateState from = store.stateOf(du);
            if (from != DeviceUpdateState.PENDING && !from.isFailure()) {
                throw new ConflictException("device-update-not-skippable", "Device cannot be skipped",
                        "Device " + deviceId + " is " + from + "; only pending or failed devices can be skipped.",
                        Map.of("rolloutId", id, "deviceId", deviceId, "currentState", from.name()));
            }
            outbox.cancelPendingFor(du);
            transitions.forceSkip(du, from, "skipped by operator", now);
        }, Map.of("deviceId", deviceId));
    }

    private RolloutView act(long id, String action, BiConsumer<Rollout, Instant> change) {
        return act(id, action, change, Map.of());
    }

    private RolloutView act(long id, String action, BiConsumer<Rollout, Instant> change, Map<String, Object> detail) {
        Rollout rollout = rollouts.lockForAction(id).orElseThrow(() -> new NotFoundException("rollout", id));
        RolloutStatus before = rollout.getStatus();
        change.accept(rollout, clock.instant());
        rollouts.saveAndFlush(rollout);
        if (rollout.getStatus() != before) {
            metrics.rolloutStatus(rollout.getStatus());
        }
        Map<String, Object> entry = new java.util.HashMap<>(detail);
        entry.put("from", before.name());
        entry.put("to", rollout.getStatus().name());
        audit.record("rollout." + action, "rollout", String.valueOf(id), AuditOutcome.SUCCESS, entry);
        return queries.get(id);
    }

    private long deviceUpdate(long rolloutId, String deviceId) {
        Long du = store.findId(rolloutId, deviceId.toLowerCase());
        if (du == null) {
            throw new NotFoundException("device in rollout " + rolloutId, deviceId);
        }
        return du;
    }

    private static void requireNotFinished(Rollout rollout, String action) {
        if (rollout.getStatus().isTerminal() || rollout.getStatus() == RolloutStatus.DRAFT) {
            throw new IllegalRolloutTransitionException(rollout.getId(), rollout.getStatus(), action);
        }
    }

}
