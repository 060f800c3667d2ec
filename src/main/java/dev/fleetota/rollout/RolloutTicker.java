package dev.fleetota.rollout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The engine's heartbeat (style rule 7): tick → rollout ids → one transaction per rollout. Any instance may tick;
 * row locks with SKIP LOCKED make sure one rollout is stepped by one instance at a time, and a crashed instance's
 * work is simply picked up by the next tick anywhere.
 */
@Component
class RolloutTicker {

    private static final Logger log = LoggerFactory.getLogger(RolloutTicker.class);

    private final RolloutRepository rollouts;

    private final RolloutStepper stepper;

    private final CommandRecovery recovery;

    private final VerificationReader verifier;

    private final PreflightRefresher preflight;

    RolloutTicker(RolloutRepository rollouts, RolloutStepper stepper, CommandRecovery recovery,
            VerificationReader verifier, PreflightRefresher preflight) {
        this.preflight = preflight;
        this.rollouts = rollouts;
        this.stepper = stepper;
        this.recovery = recovery;
        this.verifier = verifier;
    }

    @Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public void tick() {
        recovery.recoverStaleClaims();
        preflight.refreshDue();
        for (long id : rollouts.findIdsToStep()) {
            try {
                stepper.step(id);
            }
            catch (RuntimeException ex) {
                log.warn("Rollout {} step failed; retrying next tick", id, ex);
            }
        }
        verifier.verifyDue();
    }

}
