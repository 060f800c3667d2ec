package dev.fleetota.rollout;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * When to halt and how long each step may take. A batch halts the rollout when its failures exceed
 * {@code min(maxFailuresPerBatch, floor(size * maxFailurePercent / 100))}; any device silent in safe mode for
 * {@code safeModeSilence} halts it at once.
 */
public record SafetyPolicy(@Min(0) Integer maxFailuresPerBatch, @Min(0) @Max(100) Integer maxFailurePercent,
        Duration safeModeSilence, Duration requestTimeout, Duration flashStartTimeout, Duration flashTimeout,
        Duration safeModeMaxDuration, Duration onlineAfterResetTimeout, Duration verifyPeriod) {

    public SafetyPolicy {
        maxFailurePercent = maxFailurePercent == null ? 5 : maxFailurePercent;
        safeModeSilence = orDefault(safeModeSilence, Duration.ofMinutes(10), "safeModeSilence");
        requestTimeout = orDefault(requestTimeout, Duration.ofMinutes(10), "requestTimeout");
        flashStartTimeout = orDefault(flashStartTimeout, Duration.ofMinutes(5), "flashStartTimeout");
        flashTimeout = orDefault(flashTimeout, Duration.ofMinutes(15), "flashTimeout");
        safeModeMaxDuration = orDefault(safeModeMaxDuration, Duration.ofMinutes(45), "safeModeMaxDuration");
        onlineAfterResetTimeout = orDefault(onlineAfterResetTimeout, Duration.ofMinutes(10),
                "onlineAfterResetTimeout");
        verifyPeriod = verifyPeriod == null ? Duration.ofMinutes(2) : verifyPeriod;
        if (verifyPeriod.isNegative()) {
            throw new IllegalArgumentException("safety.verifyPeriod must not be negative");
        }
    }

    static SafetyPolicy defaults() {
        return new SafetyPolicy(null, null, null, null, null, null, null, null, null);
    }

    /** How many failed devices a batch of {@code size} may have before the rollout halts. */
    int allowedFailures(int size) {
        int byPercent = (int) Math.floor(size * maxFailurePercent / 100.0);
        return maxFailuresPerBatch == null ? byPercent : Math.min(maxFailuresPerBatch, byPercent);
    }

    private static Duration orDefault(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("safety." + name + " must be positive");
        }
        return value;
    }

}
