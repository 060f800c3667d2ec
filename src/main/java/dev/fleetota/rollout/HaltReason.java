package dev.fleetota.rollout;

import java.time.Instant;
import java.util.List;

/**
 * Why a rollout halted: the rule that tripped, the devices involved, when the condition became true and when the
 * engine decided.
 */
public record HaltReason(String rule, String detail, int batch, List<String> deviceIds, Instant conditionAt,
        Instant decidedAt) {

    public static final String SILENT_IN_SAFE_MODE = "SILENT_IN_SAFE_MODE";

    public static final String FAILURE_THRESHOLD = "FAILURE_THRESHOLD";

    public HaltReason {
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    }

}
