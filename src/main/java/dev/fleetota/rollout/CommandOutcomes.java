package dev.fleetota.rollout;

import java.time.Instant;

import org.springframework.stereotype.Component;

/** Records what Particle said to a lock+flash command (or its pre-update hook), in the caller's short transaction. */
@Component
class CommandOutcomes {

    private static final String ACCEPTED = "lock+flash accepted";

    /** {@link CommandOutbox#markSent} as a data-modifying CTE. */
    private static final String MARK_SENT =
            "sent AS (UPDATE flash_command SET status = 'SENT', sent_at = ? WHERE id = ?)";

    private final CommandOutbox outbox;

    private final DeviceUpdateTransitions transitions;

    private final RolloutSettingsCache settings;

    private final RolloutMetrics metrics;

    CommandOutcomes(CommandOutbox outbox, DeviceUpdateTransitions transitions, RolloutSettingsCache settings,
            RolloutMetrics metrics) {
        this.outbox = outbox;
        this.transitions = transitions;
        this.settings = settings;
        this.metrics = metrics;
    }

    void record(FlashCommand c, DeviceGateway.SendOutcome outcome, Instant now) {
        SafetyPolicy safety = settings.policy(c.rolloutId()).safety();
        metrics.command(outcome.kind().name());
        switch (outcome.kind()) {
            case ACCEPTED -> {
                outbox.markSent(c.id(), now);
                transitions.apply(c.deviceUpdateId(), DeviceUpdateState.PENDING, DeviceUpdateState.REQUESTED,
                        ACCEPTED, null, safety, now);
            }
            case RETRY_LATER -> outbox.retryLater(c.id(), now.plusSeconds(5));
            case REJECTED -> {
                outbox.markFailed(c.id(), "FAILED", outcome.detail());
                transitions.apply(c.deviceUpdateId(), DeviceUpdateState.PENDING, DeviceUpdateState.FLASH_FAILED,
                        "lock+flash refused: " + outcome.detail(), null, safety, now);
            }
            case UNKNOWN -> {
                outbox.markFailed(c.id(), "UNKNOWN", outcome.detail());
                transitions.apply(c.deviceUpdateId(), DeviceUpdateState.PENDING, DeviceUpdateState.REQUESTED,
                        "lock+flash outcome unknown: " + outcome.detail(), null, safety, now);
            }
        }
    }

    /**
     * The one statement that records an accepted lock+flash (the command SENT, its device update REQUESTED, the
     * timeline row), for the dispatch gate to run with its release; null for any other outcome
     * ({@link #record} records those).
     */
    DispatchGate.Then acceptedStatement(FlashCommand c, DeviceGateway.SendOutcome outcome, Instant now) {
        if (outcome.kind() != DeviceGateway.SendOutcome.Kind.ACCEPTED) {
            return null;
        }
        return DeviceUpdateTransitions.applyAfter(MARK_SENT, new Object[] { DeviceUpdateTransitions.ts(now), c.id() },
                new DeviceUpdateTransitions.Move(c.deviceUpdateId(), DeviceUpdateState.PENDING,
                        DeviceUpdateState.REQUESTED, ACCEPTED, null, settings.policy(c.rolloutId()).safety(), now));
    }

    /** Counts an outcome that {@link #acceptedStatement} recorded. */
    void counted(DeviceGateway.SendOutcome outcome) {
        metrics.command(outcome.kind().name());
    }

    void hookFailed(FlashCommand c, DeviceGateway.SendOutcome outcome, Instant now) {
        if (outcome.kind() == DeviceGateway.SendOutcome.Kind.RETRY_LATER) {
            outbox.retryLater(c.id(), now.plusSeconds(5));
            return;
        }
        outbox.markFailed(c.id(), "CANCELLED", "pre-update hook: " + outcome.detail());
        transitions.apply(c.deviceUpdateId(), DeviceUpdateState.PENDING, DeviceUpdateState.SKIPPED,
                "pre-update hook failed: " + outcome.detail(), null, settings.policy(c.rolloutId()).safety(), now);
    }

}
