package dev.fleetota.particle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product device as Particle reports it (§4.1 of the contract). Every field is nullable: Particle omits keys freely,
 * and list entries carry fewer fields than the device detail. Deprecated aliases ({@code connected},
 * {@code last_iccid}, {@code current_build_target}) fill the main field when it is missing. {@code mobile_secret} is
 * deliberately not kept.
 */
public record ParticleDevice(String id, String name, String owner, String lastIpAddress, Instant lastHeard,
        Instant lastHandshakeAt, Integer productId, Boolean online, Integer platformId, Boolean cellular, String notes,
        List<String> functions, Map<String, String> variables, String status, String serialNumber, String iccid,
        String imei, String macWifi, String systemFirmwareVersion, Boolean firmwareUpdatesEnabled,
        Boolean firmwareUpdatesForced, Integer firmwareProductId, List<String> groups, Integer firmwareVersion,
        Integer desiredFirmwareVersion, Integer targetedFirmwareReleaseVersion, Boolean development,
        Boolean quarantined, Boolean denied) {

    /** True when Particle reports {@code status: "safe_mode"} (Device OS dependencies missing, app not running). */
    public boolean safeMode() {
        return "safe_mode".equals(status);
    }

    /** True when the device is individually locked to a product firmware version. */
    public boolean locked() {
        return desiredFirmwareVersion != null;
    }

}
