package dev.fleetota.events;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The intake writer ({@link IntakeWriter}).
 *
 * @param batchSize most events stored and applied in one transaction
 * @param queueCapacity events waiting for the writer; when full the stream reader (and webhook requests) wait
 * @param webhookWait longest a webhook request waits for its batch to commit before it is answered 503
 * @param batchLockTimeout longest a batch of several events waits for a row lock (PostgreSQL {@code lock_timeout});
 *        then the batch gives way and is redone event by event, so a batch holding many device rows never deadlocks
 *        with another transaction (such as the device sync) that locks the same rows in another order
 * @param linger longest the writer waits after an event for more to share its batch (0: takes only what is waiting)
 */
@Validated
@ConfigurationProperties("fleetota.events.intake")
record IntakeProperties(@DefaultValue("500") @Min(1) int batchSize, @DefaultValue("5000") @Min(1) int queueCapacity,
        @DefaultValue("PT30S") @NotNull Duration webhookWait,
        @DefaultValue("PT0.2S") @NotNull Duration batchLockTimeout, @DefaultValue("PT0.02S") @NotNull Duration linger) {

}
