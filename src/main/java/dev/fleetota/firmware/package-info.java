/**
 * Product firmware releases: a version (as Particle numbers them) with its target Device OS and platforms.
 * Registered by CI or operators; read by the rollout engine through {@link dev.fleetota.firmware.FirmwareService}.
 */
package dev.fleetota.firmware;
