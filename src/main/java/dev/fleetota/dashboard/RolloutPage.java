package dev.fleetota.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.fleetota.rollout.RolloutStatus;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.rollout.RolloutViews.BatchView;
import dev.fleetota.rollout.RolloutViews.DeviceUpdateView;

/** Everything the live part of a rollout page shows, read at one moment. */
record RolloutPage(RolloutView rollout, String key, ProgressBar progress, BarChart states, List<BatchRow> batches,
        List<DeviceUpdateView> inFlight, int inFlightTotal, List<RolloutAction> actions) {

    /** A batch on the timeline: its counts as a progress bar; {@code current} is the batch the engine is on. */
    record BatchRow(BatchView batch, ProgressBar progress, boolean current) {
    }

    /** The dry run of a DRAFT rollout, in short. */
    record PlanSummary(int totalDevices, int plannedDevices, List<Integer> batchSizes, Map<String, Long> excluded,
            Duration estimatedDuration) {
    }

    public boolean halted() {
        return rollout.status() == RolloutStatus.HALTED && rollout.haltReason() != null;
    }

    /** Retry and skip make sense only while the rollout has started and not ended. */
    public boolean deviceActionsOpen() {
        return rollout.status() != RolloutStatus.DRAFT && !rollout.status().isTerminal();
    }

}
