package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * After a crash: commands an instance claimed but never recorded an outcome for may have reached Particle. They are
 * marked UNKNOWN (never resent) and their devices are watched as if told (REQUESTED, with its deadline).
 */
@Component
class CommandRecovery {

    private static final Logger log = LoggerFactory.getLogger(CommandRecovery.class);

    private final CommandOutbox outbox;

    private final DeviceUpdateTransitions transitions;

    private final RolloutSettingsCache settings;

    private final RolloutProperties properties;

    private final Clock clock;

    CommandRecovery(CommandOutbox outbox, DeviceUpdateTransitions transitions, RolloutSettingsCache settings,
            RolloutProperties properties, Clock clock) {
        this.outbox = outbox;
        this.transitions = transitions;
        this.settings = settings;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void recoverStaleClaims() {
        Instant now = clock.instant();
        List<FlashCommand> updates = outbox.staleSending(now.minus(properties.claimTimeout()));
        for (FlashCommand c : updates) {
            transitions.apply(c.deviceUpdateId(), DeviceUpdateState.PENDING, DeviceUpdateState.REQUESTED,
                    "command outcome unknown (instance stopped)", null, settings.policy(c.rolloutId()).safety(), now);
        }
        if (!updates.isEmpty()) {
            log.warn("{} command(s) were claimed by a stopped instance; watching those devices, never resending",
                    updates.size());
        }
    }

}
