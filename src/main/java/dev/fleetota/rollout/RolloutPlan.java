package dev.fleetota.rollout;

import java.time.Duration;
import java.util.List;

/** A dry run: the batches in order, the devices left out with the reason for each, and an estimated duration. */
public record RolloutPlan(int totalDevices, List<Batch> batches, List<Exclusion> excluded, Duration estimatedDuration) {

    public record Batch(int number, boolean canary, boolean highRisk, int size, List<String> deviceIds) {
    }

    public record Exclusion(String deviceId, String reason) {
    }

    /** Why a cohort member is not part of the rollout. */
    public enum ExclusionReason {
        REMOVED_FROM_PRODUCT, PLATFORM_NOT_SUPPORTED, ALREADY_ON_TARGET, DEVELOPMENT_DEVICE, HIGH_RISK_NOT_OPTED_IN,
        UNKNOWN_DEVICE
    }

    public int plannedDevices() {
        return batches.stream().mapToInt(Batch::size).sum();
    }

}
