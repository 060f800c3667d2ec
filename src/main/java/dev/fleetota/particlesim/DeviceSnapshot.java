package dev.fleetota.particlesim;

import java.time.Instant;
import java.util.List;

/**
 * Ground truth about one simulated device, as the simulator knows it (not as the cloud API shows it).
 *
 * @param phase              RUNNING, DOWNLOADING_APP, REBOOTING, SAFE_MODE, HEALING or HEAL_REBOOTING
 * @param powered            has power (false after a power loss, at night, or when bricked)
 * @param connected          has a cloud session right now
 * @param online             what the cloud API reports (lags behind {@code connected} after a silent power loss)
 * @param bricked            lost its APN in safe mode: will never report again
 * @param installedFirmwareVersion the app binary on the device (differs from {@code firmwareVersion} in safe mode)
 * @param healing            "2/3 → 4.2.0" while the safe-mode healer works, else null
 * @param updatesCompleted   upgrades finished with the new app running
 */
public record DeviceSnapshot(String id, int index, String name, Platform platform, SimKind simKind, String iccid,
        String timeZone, String phase, boolean powered, boolean connected, boolean online, boolean bricked,
        boolean asleep, String status, int firmwareVersion, int installedFirmwareVersion,
        String systemFirmwareVersion, int bootloaderVersion, Integer desiredFirmwareVersion,
        Integer targetedFirmwareVersion, boolean development, boolean updatesEnabled, boolean updatesForced,
        List<String> groups, Instant lastHandshakeAt, Instant lastHeard, int flashCommandCount,
        int updatesCompleted, String healing, Fault fault) {
}
