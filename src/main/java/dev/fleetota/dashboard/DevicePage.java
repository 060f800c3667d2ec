package dev.fleetota.dashboard;

import java.time.Instant;
import java.util.List;

import dev.fleetota.device.DeviceView;

/** A device and its timeline: stored Particle events and device-update transitions across rollouts, newest first. */
record DevicePage(DeviceView device, List<Entry> timeline, long totalEvents, int limit) {

    /**
     * One line of the timeline: a Particle event ({@code rolloutId} null) or a transition in a rollout
     * ({@code title} "FLASHING → SAFE_MODE").
     */
    record Entry(Instant at, String kind, String title, String detail, Long rolloutId, String tone) {
    }

}
