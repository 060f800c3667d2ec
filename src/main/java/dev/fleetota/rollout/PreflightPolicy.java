package dev.fleetota.rollout;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Checks a device must pass right before it is flashed; a device that fails one is SKIPPED with the reason.
 * Battery and signal are checked only when the device reported them.
 */
public record PreflightPolicy(Boolean requireOnline, Duration maxLastHeardAge, @Min(0) @Max(100) Double minBattery,
        @Min(0) @Max(100) Double minSignal, Boolean forceUpdates) {

    public PreflightPolicy {
        requireOnline = requireOnline == null || requireOnline;
        maxLastHeardAge = maxLastHeardAge == null ? Duration.ofMinutes(30) : maxLastHeardAge;
        minBattery = minBattery == null ? 20.0 : minBattery;
        minSignal = minSignal == null ? 10.0 : minSignal;
        forceUpdates = forceUpdates != null && forceUpdates;
    }

    static PreflightPolicy defaults() {
        return new PreflightPolicy(null, null, null, null, null);
    }

}
