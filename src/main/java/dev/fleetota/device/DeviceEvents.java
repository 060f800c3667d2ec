package dev.fleetota.device;

import dev.fleetota.api.PageResponse;

import org.springframework.stereotype.Service;

/** A device's stored Particle events for other modules (the dashboard's device page): the API's timeline. */
@Service
public class DeviceEvents {

    private final DeviceTimeline timeline;

    DeviceEvents(DeviceTimeline timeline) {
        this.timeline = timeline;
    }

    /** One page of the device's events, newest first; 400 for a malformed id, 404 for an unknown device. */
    public PageResponse<DeviceEventView> newestFirst(String deviceId, int page, int size) {
        return timeline.events(deviceId, page, size);
    }

}
