package dev.fleetota.rollout;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A rollout as the API shows it: state, progress per device-update state, current batch, halt reason, ETA. */
public record RolloutView(long id, String name, RolloutStatus status, WaitReason waitReason, long firmwareId,
        int productId, int targetFirmwareVersion, String targetDeviceOs, List<Long> cohortIds, RolloutPolicy policy,
        int currentBatch, int totalBatches, Instant soakUntil, HaltReason haltReason, Progress progress,
        Instant estimatedCompletion, String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt,
        Long templateId, Integer templateVersion) {

    /** Device counts: per device-update state, and the totals a progress bar needs. */
    public record Progress(int total, int finished, int succeeded, int failed, int skipped, int inFlight, int pending,
            Map<DeviceUpdateState, Integer> byState) {

        static Progress of(Map<DeviceUpdateState, Integer> byState) {
            int total = byState.values().stream().mapToInt(Integer::intValue).sum();
            int failed = DeviceUpdateState.FAILURES.stream().mapToInt(byState::get).sum();
            int inFlight = DeviceUpdateState.IN_FLIGHT.stream().mapToInt(byState::get).sum();
            int succeeded = byState.get(DeviceUpdateState.SUCCEEDED);
            int skipped = byState.get(DeviceUpdateState.SKIPPED);
            int pending = byState.get(DeviceUpdateState.PENDING);
            return new Progress(total, succeeded + failed + skipped, succeeded, failed, skipped, inFlight, pending,
                    byState);
        }

    }

    /** This view with other counts and ETA (the rest of a rollout's view changes only with its version). */
    RolloutView withProgress(Map<DeviceUpdateState, Integer> counts, Instant eta) {
        return new RolloutView(id, name, status, waitReason, firmwareId, productId, targetFirmwareVersion,
                targetDeviceOs, cohortIds, policy, currentBatch, totalBatches, soakUntil, haltReason,
                Progress.of(counts), eta, createdBy, createdAt, startedAt, finishedAt, templateId, templateVersion);
    }

    static RolloutView of(Rollout r, Map<DeviceUpdateState, Integer> counts, Instant eta) {
        return new RolloutView(r.getId(), r.getName(), r.getStatus(), r.getWaitReason(), r.getFirmwareReleaseId(),
                r.getProductId(), r.getTargetFirmwareVersion(), r.getTargetDeviceOs(), r.getCohortIds(),
                r.getPolicy(), r.getCurrentBatch(), r.getTotalBatches(), r.getSoakUntil(), r.getHaltReason(),
                Progress.of(counts), eta, r.getCreatedBy(), r.getCreatedAt(), r.getStartedAt(), r.getFinishedAt(),
                r.getTemplateId(), r.getTemplateVersion());
    }

}
