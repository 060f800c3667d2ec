/**
 * The fleet: devices (synced from Particle, plus local fields), the platform table and device queries. Device sync
 * and the event applier live here too, in {@code DeviceSync*} and {@code DeviceEventApplier}.
 */
package dev.fleetota.device;
