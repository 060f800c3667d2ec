package dev.fleetota.device;

import java.time.Instant;

/** A stored Particle event of one device, as the timeline shows it. */
public record DeviceEventView(long id, String name, String data, Instant publishedAt, Integer productVersion,
        String source, Instant receivedAt, String rejectedReason) {

}
