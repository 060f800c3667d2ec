package dev.fleetota.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * A device's state right before it would be flashed, and the preflight verdict (design §5): the reason to skip it,
 * or null to go ahead.
 */
record PreflightCheck(long deviceUpdateId, String deviceId, boolean online, Instant lastHeard, boolean safeMode,
        Double battery, Double signal, boolean updatesEnabled, boolean updatesForced, Integer firmwareVersion,
        Long deviceOsRank, String timeZone, boolean busyElsewhere) {

    String skipReason(PreflightPolicy policy, int targetVersion, long targetOsRank, Instant now) {
        if (busyElsewhere) {
            return "updating in another rollout";
        }
        if (firmwareVersion != null && firmwareVersion == targetVersion && deviceOsRank != null
                && deviceOsRank >= targetOsRank) {
            return "already on target";
        }
        if (policy.requireOnline() && !online) {
            return "offline";
        }
        if (lastHeard == null || Duration.between(lastHeard, now).compareTo(policy.maxLastHeardAge()) > 0) {
            return "not heard from within " + policy.maxLastHeardAge();
        }
        if (safeMode) {
            return "already in safe mode";
        }
        if (battery != null && battery < policy.minBattery()) {
            return "battery " + Math.round(battery) + "% below " + Math.round(policy.minBattery()) + "%";
        }
        if (signal != null && signal < policy.minSignal()) {
            return "signal " + Math.round(signal) + "% below " + Math.round(policy.minSignal()) + "%";
        }
        if (!updatesEnabled && !updatesForced && !policy.forceUpdates()) {
            return "updates disabled on the device (forceUpdates not allowed)";
        }
        return null;
    }

    /** Updates are disabled on the device but the policy allows forcing them. */
    boolean needsForce() {
        return !updatesEnabled && !updatesForced;
    }

}
