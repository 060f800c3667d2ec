package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One engine tick for one rollout, in one short transaction holding the rollout's row lock (no Particle call in
 * here): sweep deadlines, halt if a rule trips, else move the batches on and queue commands for the next devices.
 */
@Component
class RolloutStepper {

    private static final Logger log = LoggerFactory.getLogger(RolloutStepper.class);

    private final RolloutRepository rollouts;

    private final RolloutSettingsCache settings;

    private final DeadlineSweeper sweeper;

    private final HaltEvaluator halts;

    private final BatchProgress batches;

    private final DeviceStarter starter;

    private final CommandOutbox outbox;

    private final NotificationOutbox notifications;

    private final RolloutMetrics metrics;

    private final RolloutProperties properties;

    private final Clock clock;

    private final DispatchGate gate;

    private final DeviceUpdateStore store;

    private final dev.fleetota.audit.AuditService audit;

    RolloutStepper(dev.fleetota.audit.AuditService audit, DeviceUpdateStore store, DispatchGate gate, RolloutRepository rollouts, RolloutSettingsCache settings, DeadlineSweeper sweeper,
            HaltEvaluator halts, BatchProgress batches, DeviceStarter starter, CommandOutbox outbox,
            NotificationOutbox notifications, RolloutMetrics metrics, RolloutProperties properties, Clock clock) {
        this.audit = audit;
        this.store = store;
        this.gate = gate;
        this.rollouts = rollouts;
        this.settings = settings;
        this.sweeper = sweeper;
        this.halts = halts;
        this.batches = batches;
        this.starter = starter;
        this.outbox = outbox;
        this.notifications = notifications;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Steps one rollout; returns when the next device of it in safe mode turns silent (its deadline, so the ticker
     * can look again right then), or null when none is watched.
     */
    @Transactional
    public Instant step(long rolloutId) {
        StepLaps laps = new StepLaps();
        try {
            return rollouts.lockForStep(rolloutId).map(rollout -> {
                laps.lap("lock");
                return step(rollout, laps);
            }).orElse(null);
        }
        finally {
            if (laps.slow()) {
                log.info("Rollout {} step took {} ms before its commit: {}", rolloutId, laps.total().toMillis(), laps);
            }
        }
    }

    private Instant step(Rollout rollout, StepLaps laps) {
        Instant now = clock.instant();
        RolloutPolicy policy = settings.policy(rollout.getId());
        sweeper.timeouts(rollout.getId(), now);
        laps.lap("timeouts");
        List<DeadlineSweeper.Silent> silent = sweeper.silentInSafeMode(rollout.getId(),
                policy.safety().safeModeSilence(), now);
        laps.lap("silence");
        RolloutStatus status = rollout.getStatus();
        boolean watched = status == RolloutStatus.RUNNING || status == RolloutStatus.WAITING
                || status == RolloutStatus.PAUSED;
        if (watched) {
            var halt = halts.evaluate(rollout, policy, silent, now);
            laps.lap("halt rules");
            if (halt.isPresent()) {
                halt(rollout, halt.get(), now);
                laps.lap("halt");
                return null;
            }
        }
        reconcile(rollout.getId(), policy.safety(), now);
        laps.lap("reconcile");
        stepStatus(rollout, status, policy, now);
        laps.lap(status.name().toLowerCase(java.util.Locale.ROOT));
        Instant nextSilence = watched
                ? sweeper.nextSilence(rollout.getId(), policy.safety().safeModeSilence()).orElse(null) : null;
        laps.lap("next silence");
        return nextSilence;
    }

    private void stepStatus(Rollout rollout, RolloutStatus status, RolloutPolicy policy, Instant now) {
        switch (status) {
            case SCHEDULED -> beginIfDue(rollout, now);
            case RUNNING -> advance(rollout, policy, now);
            case WAITING -> endWaitIfOver(rollout, policy, now);
            default -> {
                // PAUSED, HALTED, finished: devices in flight were swept above; nothing starts
            }
        }
    }

    /**
     * The device list's corrections after a stream gap (to VERIFYING or SAFE_MODE: neither trips a rule, so they
     * come after the halt check, which they would only delay).
     */
    private void reconcile(long rolloutId, SafetyPolicy safety, Instant now) {
        sweeper.reconcileFromDeviceList(rolloutId, safety.verifyPeriod(), now);
        sweeper.reconcileSafeModeFromDeviceList(rolloutId, safety.safeModeMaxDuration(), now);
    }

    /** Decided once the gate is closed (no command is being sent): the HALTED commit follows right after. */
    private void halt(Rollout rollout, HaltReason found, Instant stepStart) {
        gate.close(rollout.getId());
        Instant now = clock.instant();
        HaltReason reason = new HaltReason(found.rule(), found.detail(), found.batch(), found.deviceIds(),
                found.conditionAt(), now);
        rollout.halt(reason, now);
        batches.markFailed(rollout.getId(), reason.batch());
        int cancelled = outbox.cancelPending(rollout.getId());
        notifications.add(NotificationOutbox.HALTED, rollout,
                Map.of("rule", reason.rule(), "detail", reason.detail(), "deviceIds", reason.deviceIds()), now);
        metrics.halted(reason);
        metrics.rolloutStatus(RolloutStatus.HALTED);
        log.warn("Rollout {} HALTED ({}): {}; {} queued command(s) cancelled; step began {} ms after the condition, "
                + "gate closed {} ms later", rollout.getId(), reason.rule(), reason.detail(), cancelled,
                java.time.Duration.between(reason.conditionAt(), stepStart).toMillis(),
                java.time.Duration.between(stepStart, now).toMillis());
    }

    private void beginIfDue(Rollout rollout, Instant now) {
        if (rollout.getStartAt() == null || !now.isBefore(rollout.getStartAt())) {
            rollout.begin(now);
            metrics.rolloutStatus(RolloutStatus.RUNNING);
            audit.record("rollout.scheduled-start", "rollout", String.valueOf(rollout.getId()),
                    dev.fleetota.audit.AuditOutcome.SUCCESS, Map.of("startAt", String.valueOf(rollout.getStartAt())));
            advance(rollout, settings.policy(rollout.getId()), now);
        }
    }

    private void advance(Rollout rollout, RolloutPolicy policy, Instant now) {
        if (rollout.getCurrentBatch() == 0) {
            openBatch(rollout, 1, now);
        }
        BatchProgress.Counts counts = batches.counts(rollout.getId(), rollout.getCurrentBatch());
        if (counts.done()) {
            finishBatch(rollout, policy, now);
            return;
        }
        int queued = outbox.queued(rollout.getId());
        DeviceStarter.Started started = starter.start(rollout, policy,
                Math.max(0, properties.maxQueuedCommands() - queued), now);
        if (started.queued() == 0 && queued == 0 && started.outsideWindow() > 0 && counts.inFlight() == 0
                && started.remaining() == started.outsideWindow()) {
            rollout.waitFor(WaitReason.WINDOW_CLOSED, null, now);
        }
    }

    private void finishBatch(Rollout rollout, RolloutPolicy policy, Instant now) {
        int batch = rollout.getCurrentBatch();
        batches.close(rollout.getId(), batch, now);
        if (batch >= rollout.getTotalBatches()) {
            rollout.complete(now);
            metrics.rolloutStatus(RolloutStatus.COMPLETED);
            notifications.add(NotificationOutbox.COMPLETED, rollout, Map.of(), now);
        }
        else if (batch == 1 && policy.batches().approvalAfterCanary()) {
            rollout.waitFor(WaitReason.APPROVAL, null, now);
            notifications.add(NotificationOutbox.APPROVAL_NEEDED, rollout, Map.of("batch", batch), now);
        }
        else if (policy.batches().soak().isZero()) {
            openBatch(rollout, batch + 1, now);
        }
        else {
            rollout.waitFor(WaitReason.SOAK, now.plus(policy.batches().soak()), now);
        }
    }

    private void endWaitIfOver(Rollout rollout, RolloutPolicy policy, Instant now) {
        WaitReason reason = rollout.getWaitReason();
        if (reason == WaitReason.SOAK && !now.isBefore(rollout.getSoakUntil())) {
            rollout.proceed(now);
            openBatch(rollout, rollout.getCurrentBatch() + 1, now);
        }
        else if (reason == WaitReason.WINDOW_CLOSED && policy.schedule().endByPassed(now)) {
            endIfAsked(rollout, policy, now);
        }
        else if (reason == WaitReason.WINDOW_CLOSED && starter.anyMayStart(rollout, policy, now)) {
            rollout.proceed(now);
            advance(rollout, policy, now);
        }
    }

    /** Past endBy with nothing in flight: complete (skipping the rest) when the schedule says END, else keep waiting. */
    private void endIfAsked(Rollout rollout, RolloutPolicy policy, Instant now) {
        if (policy.schedule().onEndBy() != SchedulePolicy.EndByAction.END
                || batches.counts(rollout.getId(), rollout.getTotalBatches()).inFlight() > 0) {
            return;
        }
        store.skipAllPending(rollout.getId(), "endBy passed", now);
        rollout.proceed(now);
        rollout.complete(now);
        metrics.rolloutStatus(RolloutStatus.COMPLETED);
        notifications.add(NotificationOutbox.COMPLETED, rollout, Map.of("endByPassed", true), now);
    }

    void openBatch(Rollout rollout, int number, Instant now) {
        rollout.openBatch(number, now);
        batches.open(rollout.getId(), number, now);
    }

}
