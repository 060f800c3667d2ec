package dev.fleetota.particlesim;

import java.time.Instant;

/** One {@code PUT …/devices/:id} with {@code flash:true} the simulated cloud received. */
public record FlashCommand(Instant at, Integer desiredFirmwareVersion, boolean deviceConnected) {
}
