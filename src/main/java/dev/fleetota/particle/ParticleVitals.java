package dev.fleetota.particle;

import java.time.Instant;

/**
 * The last diagnostics (vitals) of a device (§10).
 *
 * @param deviceId the device
 * @param updatedAt when the device reported them
 * @param batteryCharge battery charge in percent, null when absent or reported as an error object (no battery)
 * @param batteryState e.g. {@code discharging}
 * @param signalStrength cellular/Wi-Fi signal strength in percent
 * @param signalQuality signal quality in percent
 * @param payloadJson the raw {@code payload} object as JSON text
 */
public record ParticleVitals(String deviceId, Instant updatedAt, Double batteryCharge, String batteryState,
        Double signalStrength, Double signalQuality, String payloadJson) {

}
