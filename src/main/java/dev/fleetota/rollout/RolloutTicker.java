package dev.fleetota.rollout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The engine's heartbeat (style rule 7): tick → rollout ids → one transaction per rollout. No Particle call happens
 * here (preflight and verification reads run on their own schedules), so a slow cloud never delays a halt. Any
 * instance may tick;
 * row locks with SKIP LOCKED make sure one rollout is stepped by one instance at a time, and a crashed instance's
 * work is simply picked up by the next tick anywhere.
 */
@Component
class RolloutTicker {

    private static final Logger log = LoggerFactory.getLogger(RolloutTicker.class);

    private final RolloutRepository rollouts;

    private final RolloutStepper stepper;

    private final CommandRecovery recovery;

    RolloutTicker(RolloutRepository rollouts, RolloutStepper stepper, CommandRecovery recovery) {
        this.rollouts = rollouts;
        this.stepper = stepper;
        this.recovery = recovery;
    }

    @Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public void tick() {
        recovery.recoverStaleClaims();
        for (long id : rollouts.findIdsToStep()) {
            try {
                stepper.step(id);
            }
            catch (RuntimeException ex) {
                log.warn("Rollout {} step failed; retrying next tick", id, ex);
            }
        }
    }

}
