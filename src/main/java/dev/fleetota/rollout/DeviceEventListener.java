package dev.fleetota.rollout;

import java.util.List;

import dev.fleetota.events.DeviceEventsRecorded;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Feeds newly stored device events to the tracker, after the device module updated the devices (order 0): the whole
 * batch at once, in arrival order; the tracker locks the batch's in-flight updates in one statement.
 */
@Component
class DeviceEventListener {

    private final DeviceUpdateTracker tracker;

    DeviceEventListener(DeviceUpdateTracker tracker) {
        this.tracker = tracker;
    }

    @EventListener
    @Order(10)
    void on(DeviceEventsRecorded batch) {
        List<DeviceUpdateTracker.Tracked> events = batch.events().stream()
            .filter(e -> e.deviceId() != null)
            .map(e -> new DeviceUpdateTracker.Tracked(e.deviceId(), e.eventId(),
                    new Observation(e.name(), e.data(), e.productVersion(), e.publishedAt())))
            .toList();
        if (!events.isEmpty()) {
            tracker.onEvents(events);
        }
    }

}
