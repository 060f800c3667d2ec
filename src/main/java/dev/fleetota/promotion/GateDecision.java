package dev.fleetota.promotion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one promotion gate was decided.
 *
 * @param reason PASSED, NO_EARLIER_ROLLOUT, TOO_FEW_SUCCEEDED or DEVICES_FAILED
 * @param rolloutId the earlier rollout with the most verified devices (null when there is none)
 * @param succeeded its verified (SUCCEEDED) devices
 * @param failedCount devices of earlier rollouts of the release that ended SILENT_IN_SAFE_MODE, WRONG_VERSION or
 * FLASH_FAILED
 * @param failedDevices up to ten of them
 */
public record GateDecision(String gate, int minSucceeded, Long cohortId, boolean passed, String reason, String detail,
        Long rolloutId, long succeeded, long failedCount, List<FailedDevice> failedDevices) {

    public static final String PASSED = "PASSED";

    public static final String NO_EARLIER_ROLLOUT = "NO_EARLIER_ROLLOUT";

    public static final String TOO_FEW_SUCCEEDED = "TOO_FEW_SUCCEEDED";

    public static final String DEVICES_FAILED = "DEVICES_FAILED";

    /** A device that ended badly in an earlier rollout of the release. */
    public record FailedDevice(long rolloutId, String deviceId, String state) {

    }

    /** Plain JSON values for the audit trail. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gate", gate);
        map.put("passed", passed);
        map.put("reason", reason);
        map.put("detail", detail);
        map.put("minSucceeded", minSucceeded);
        map.put("cohortId", cohortId);
        map.put("rolloutId", rolloutId);
        map.put("succeeded", succeeded);
        map.put("failedCount", failedCount);
        map.put("failedDevices", failedDevices.stream()
            .map(d -> Map.of("rolloutId", d.rolloutId(), "deviceId", d.deviceId(), "state", d.state()))
            .toList());
        return map;
    }

}
