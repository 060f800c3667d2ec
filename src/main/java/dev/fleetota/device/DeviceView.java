package dev.fleetota.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A device as clients and other modules see it. {@code platformName}/{@code platformGeneration} are null for a
 * platform id fleet-ota does not know; {@code removedAt} is set when the device left the product.
 */
public record DeviceView(String id, String name, String serialNumber, Integer productId, int platformId,
        String platformName, Integer platformGeneration, boolean cellular, String iccid, String imei,
        SimKind simKind, String deviceOsVersion, Integer firmwareVersion, Integer desiredFirmwareVersion,
        Integer targetedFirmwareVersion, boolean development, boolean firmwareUpdatesEnabled,
        boolean firmwareUpdatesForced, List<String> particleGroups, List<String> tags, String site,
        String timeZone, boolean online, boolean safeMode, Instant lastHeard, Instant lastHandshakeAt,
        String lastResetReason, String appHash, Double batteryCharge, Double signalStrength,
        Map<String, Object> vitals, Instant vitalsAt, Instant removedAt, Instant syncedAt, Instant createdAt,
        Instant updatedAt) {

}
