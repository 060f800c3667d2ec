package dev.fleetota.rollout;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Engine settings.
 *
 * @param tickInterval how often each rollout is stepped (deadlines, halts, batches); a halt is decided within one tick
 * @param dispatchThreads how many lock+flash commands are sent concurrently (the Particle rate limiter still applies)
 * @param maxQueuedCommands how many commands a rollout may have queued at once (a halt cancels the queued ones)
 * @param claimTimeout a command claimed longer ago than this by an instance that never recorded its outcome is
 *        treated as sent with an unknown outcome (never resent)
 * @param dispatchRatePerSecond expected sustained lock+flash rate, for plan duration estimates
 * @param instanceId this instance's name in command claims (default: the JVM's pid@host)
 * @param notificationUrl where halt / approval-needed / completed notifications are POSTed (empty = none)
 * @param notificationMaxAttempts how often a notification is tried before it is given up
 * @param preflightFreshness a device is started only on a read of it from the cloud no older than this
 */
@ConfigurationProperties("fleetota.rollout")
@Validated
record RolloutProperties(@DefaultValue("PT0.5S") Duration tickInterval, @DefaultValue("4") @Min(1) @Max(64) int dispatchThreads,
        @DefaultValue("50") @Min(1) int maxQueuedCommands, @DefaultValue("PT2M") Duration claimTimeout,
        @DefaultValue("30") double dispatchRatePerSecond, String instanceId, URI notificationUrl,
        @DefaultValue("8") int notificationMaxAttempts,
        @DefaultValue("PT2M") Duration preflightFreshness) {

    RolloutProperties {
        instanceId = instanceId == null || instanceId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName()
                : instanceId;
    }

}
