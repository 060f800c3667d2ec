package dev.fleetota.rollout;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * High-risk devices (Gen 2 cellular Electron/E-Series with a third-party SIM: they lose their APN if power is cut in
 * safe mode) are excluded unless the rollout opts in; then they go last, in batches of {@code highRiskBatchSize}.
 */
public record RiskPolicy(Boolean includeHighRisk, @Min(1) @Max(100) Integer highRiskBatchSize) {

    public RiskPolicy {
        includeHighRisk = includeHighRisk != null && includeHighRisk;
        highRiskBatchSize = highRiskBatchSize == null ? 1 : highRiskBatchSize;
    }

    static RiskPolicy defaults() {
        return new RiskPolicy(null, null);
    }

}
