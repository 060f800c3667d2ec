package dev.fleetota.rollout;

import dev.fleetota.events.DeviceEventRecorded;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Feeds each newly stored device event to the tracker, after the device module updated the device (order 0). */
@Component
class DeviceEventListener {

    private final DeviceUpdateTracker tracker;

    DeviceEventListener(DeviceUpdateTracker tracker) {
        this.tracker = tracker;
    }

    @EventListener
    @Order(10)
    void on(DeviceEventRecorded event) {
        if (event.deviceId() == null) {
            return;
        }
        tracker.onEvent(event.deviceId(), event.eventId(),
                new Observation(event.name(), event.data(), event.productVersion(), event.publishedAt()));
    }

}
