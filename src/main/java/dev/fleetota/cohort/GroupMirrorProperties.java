package dev.fleetota.cohort;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Particle group mirroring of cohorts.
 *
 * @param interval how often every mirror is synced (when scheduling is on)
 * @param initialDelay delay of the first scheduled sync after start-up
 * @param batchSize devices per batch group change ({@code PUT /v1/products/:p/devices}, action groups)
 * @param claimTimeout how long one instance may hold a mirror's sync before another may take over
 */
@Validated
@ConfigurationProperties("fleetota.cohort.group-mirror")
record GroupMirrorProperties(@DefaultValue("PT15M") @NotNull Duration interval,
        @DefaultValue("PT2M") @NotNull Duration initialDelay, @DefaultValue("500") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("PT10M") @NotNull Duration claimTimeout) {

}
