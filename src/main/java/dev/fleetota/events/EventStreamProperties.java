package dev.fleetota.events;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The product event stream.
 *
 * @param enabled false keeps this instance off the stream (webhook-only deployments, tests)
 * @param keepAliveTimeout no bytes (not even a keep-alive comment) for this long = dead stream, reconnect
 * @param backoffBase first reconnect delay step (exponential with jitter)
 * @param backoffMax largest reconnect delay
 * @param leaseDuration how long the stream lease is valid without renewal (another instance takes over after it)
 * @param leaseRenewInterval how often the holder renews and standby instances try to take over
 * @param instanceId this instance's name as lease holder; blank = host name plus a random suffix
 * @param readPause after a read that had to wait for its bytes, wait this long before the next, so a trickle of
 *        events is read a few at a time instead of one system call and thread wake-up each; reads that find bytes
 *        waiting never pause ({@link CoalescingReads}; 0 = off)
 */
@Validated
@ConfigurationProperties("fleetota.events.stream")
record EventStreamProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("PT30S") @NotNull Duration keepAliveTimeout, @DefaultValue("PT1S") @NotNull Duration backoffBase,
        @DefaultValue("PT60S") @NotNull Duration backoffMax, @DefaultValue("PT30S") @NotNull Duration leaseDuration,
        @DefaultValue("PT10S") @NotNull Duration leaseRenewInterval, String instanceId,
        @DefaultValue("PT0.01S") @NotNull Duration readPause) {

}
