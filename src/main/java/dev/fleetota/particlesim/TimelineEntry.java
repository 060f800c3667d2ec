package dev.fleetota.particlesim;

import java.time.Instant;

/**
 * One event a device (or the cloud on its behalf) published, as recorded by the simulator.
 *
 * @param stepDelayMillis simulated delay (before time scaling) of the step that produced it; 0 for immediate
 */
public record TimelineEntry(Instant at, String name, String data, int version, long stepDelayMillis) {
}
