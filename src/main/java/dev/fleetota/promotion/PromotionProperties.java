package dev.fleetota.promotion;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Promotion settings.
 *
 * @param idempotencyRetention how long an Idempotency-Key is remembered; after that the key may be used again
 * @param keyExpiryInterval how often expired keys are freed
 */
@Validated
@ConfigurationProperties("fleetota.promotion")
record PromotionProperties(@DefaultValue("P30D") @NotNull Duration idempotencyRetention,
        @DefaultValue("PT1H") @NotNull Duration keyExpiryInterval) {

}
