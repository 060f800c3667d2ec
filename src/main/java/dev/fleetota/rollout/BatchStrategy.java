package dev.fleetota.rollout;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Canary first, then batches of {@code batchSize} (or {@code batchPercent} of the fleet) that may grow by
 * {@code growthFactor} up to {@code maxBatchSize}; {@code soak} between batches.
 */
public record BatchStrategy(@Min(1) @Max(100) Integer canarySize, @Min(1) @Max(100_000) Integer batchSize,
        @Min(1) @Max(100) Integer batchPercent, @DecimalMin("1.0") @DecimalMax("10.0") Double growthFactor,
        @Min(1) @Max(100_000) Integer maxBatchSize, Duration soak, Boolean approvalAfterCanary) {

    public BatchStrategy {
        canarySize = canarySize == null ? 3 : canarySize;
        batchSize = batchSize == null && batchPercent == null ? Integer.valueOf(25) : batchSize;
        growthFactor = growthFactor == null ? 1.5 : growthFactor;
        maxBatchSize = maxBatchSize == null ? 500 : maxBatchSize;
        soak = soak == null ? Duration.ofMinutes(15) : soak;
        approvalAfterCanary = approvalAfterCanary == null || approvalAfterCanary;
        if (soak.isNegative()) {
            throw new IllegalArgumentException("batches.soak must not be negative");
        }
    }

    static BatchStrategy defaults() {
        return new BatchStrategy(null, null, null, null, null, null, null);
    }

    /** The first regular batch's size for a fleet of {@code total} devices. */
    int firstBatchSize(int total) {
        int size = batchSize != null ? batchSize : (int) Math.ceil(total * batchPercent / 100.0);
        return Math.max(1, Math.min(size, maxBatchSize));
    }

}
