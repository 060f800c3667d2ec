package dev.fleetota.rollout;

import jakarta.validation.Valid;

/**
 * Everything that governs how a rollout proceeds (design §5). Every part is optional in a request and falls back
 * to safe defaults, so {@code {}} is a valid, careful policy.
 */
public record RolloutPolicy(@Valid BatchStrategy batches, @Valid SafetyPolicy safety, @Valid PreflightPolicy preflight,
        @Valid RiskPolicy risk, @Valid SchedulePolicy schedule, @Valid PreUpdateHook preUpdateHook) {

    public RolloutPolicy {
        batches = batches == null ? BatchStrategy.defaults() : batches;
        safety = safety == null ? SafetyPolicy.defaults() : safety;
        preflight = preflight == null ? PreflightPolicy.defaults() : preflight;
        risk = risk == null ? RiskPolicy.defaults() : risk;
        schedule = schedule == null ? SchedulePolicy.defaults() : schedule;
    }

    public static RolloutPolicy defaults() {
        return new RolloutPolicy(null, null, null, null, null, null);
    }

}
