package dev.fleetota.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.fleetota.rollout.RolloutPlan.Batch;
import dev.fleetota.rollout.RolloutPlan.Exclusion;
import dev.fleetota.rollout.RolloutPlan.ExclusionReason;

/**
 * Splits a rollout's devices into batches: canary first (healthy, online devices), then growing batches, then the
 * high-risk devices last in small batches (or not at all). Pure and deterministic: the same fleet gives the same plan.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    static RolloutPlan plan(List<String> memberIds, List<PlanCandidate> candidates, RolloutTarget target,
            RolloutPolicy policy, double dispatchPerSecond) {
        List<Exclusion> excluded = new ArrayList<>();
        List<PlanCandidate> normal = new ArrayList<>();
        List<PlanCandidate> risky = new ArrayList<>();
        classify(candidates, target, policy, excluded, normal, risky);
        unknownMembers(memberIds, candidates, excluded);
        Comparator<PlanCandidate> order = Comparator.comparing((PlanCandidate c) -> !c.online())
            .thenComparingInt(c -> mix(c.deviceId()))
            .thenComparing(PlanCandidate::deviceId);
        normal.sort(order);
        risky.sort(order);
        List<Batch> batches = new ArrayList<>();
        cutNormal(normal, policy.batches(), batches);
        cutRisky(risky, policy.risk().highRiskBatchSize(), batches);
        Duration estimate = estimate(batches, candidates, target, policy, dispatchPerSecond);
        return new RolloutPlan(memberIds.size(), batches, excluded, estimate);
    }

    private static void classify(List<PlanCandidate> candidates, RolloutTarget target, RolloutPolicy policy,
            List<Exclusion> excluded, List<PlanCandidate> normal, List<PlanCandidate> risky) {
        for (PlanCandidate c : candidates) {
            ExclusionReason reason = exclusion(c, target, policy);
            if (reason != null) {
                excluded.add(new Exclusion(c.deviceId(), reason.name()));
            }
            else if (c.highRisk()) {
                risky.add(c);
            }
            else {
                normal.add(c);
            }
        }
    }

    static ExclusionReason exclusion(PlanCandidate c, RolloutTarget target, RolloutPolicy policy) {
        if (c.removed()) {
            return ExclusionReason.REMOVED_FROM_PRODUCT;
        }
        if (!target.platformIds().contains(c.platformId())) {
            return ExclusionReason.PLATFORM_NOT_SUPPORTED;
        }
        if (c.development()) {
            return ExclusionReason.DEVELOPMENT_DEVICE;
        }
        if (c.onTarget(target.firmwareVersion(), target.deviceOsRank())) {
            return ExclusionReason.ALREADY_ON_TARGET;
        }
        if (c.highRisk() && !policy.risk().includeHighRisk()) {
            return ExclusionReason.HIGH_RISK_NOT_OPTED_IN;
        }
        return null;
    }

    private static void unknownMembers(List<String> memberIds, List<PlanCandidate> candidates,
            List<Exclusion> excluded) {
        if (memberIds.size() == candidates.size()) {
            return;
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        candidates.forEach(c -> known.add(c.deviceId()));
        memberIds.stream()
            .filter(id -> !known.contains(id))
            .forEach(id -> excluded.add(new Exclusion(id, ExclusionReason.UNKNOWN_DEVICE.name())));
    }

    private static void cutNormal(List<PlanCandidate> devices, BatchStrategy strategy, List<Batch> batches) {
        int next = 0;
        if (!devices.isEmpty()) {
            int canary = Math.min(strategy.canarySize(), devices.size());
            batches.add(batch(batches.size() + 1, true, false, devices.subList(0, canary)));
            next = canary;
        }
        int size = strategy.firstBatchSize(devices.size());
        while (next < devices.size()) {
            int end = Math.min(devices.size(), next + size);
            batches.add(batch(batches.size() + 1, false, false, devices.subList(next, end)));
            next = end;
            size = (int) Math.min(strategy.maxBatchSize(), Math.ceil(size * strategy.growthFactor()));
        }
    }

    private static void cutRisky(List<PlanCandidate> devices, int size, List<Batch> batches) {
        for (int next = 0; next < devices.size(); next += size) {
            boolean canary = batches.isEmpty();
            int end = Math.min(devices.size(), next + size);
            batches.add(batch(batches.size() + 1, canary, true, devices.subList(next, end)));
        }
    }

    private static Batch batch(int number, boolean canary, boolean highRisk, List<PlanCandidate> devices) {
        List<String> ids = devices.stream().map(PlanCandidate::deviceId).toList();
        return new Batch(number, canary, highRisk, ids.size(), ids);
    }

    /** Dispatch at the Particle rate, a typical update per batch (longer with a Device OS upgrade), verify, soak. */
    private static Duration estimate(List<Batch> batches, List<PlanCandidate> candidates, RolloutTarget target,
            RolloutPolicy policy, double dispatchPerSecond) {
        boolean osUpgrade = candidates.stream().anyMatch(c -> c.needsDeviceOsUpgrade(target.deviceOsRank()));
        Duration perDevice = osUpgrade ? Duration.ofMinutes(4) : Duration.ofMinutes(1);
        Duration total = Duration.ZERO;
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            long dispatchMillis = (long) (b.size() * 1000 / Math.max(0.1, dispatchPerSecond));
            Duration batchTime = perDevice.plus(policy.safety().verifyPeriod())
                .plusMillis(dispatchMillis)
                .plus(b.highRisk() ? Duration.ofMinutes(15) : Duration.ZERO);
            total = total.plus(batchTime);
            if (i < batches.size() - 1) {
                total = total.plus(policy.batches().soak());
            }
        }
        return total;
    }

    /** A stable hash spreading devices across batches independent of id order (sites, serial ranges). */
    private static int mix(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

}
