package dev.fleetota.rollout;

import java.util.List;
import java.util.Set;

import dev.fleetota.events.DeviceEventRecorded;
import dev.fleetota.events.DeviceEventsRecorded;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Feeds newly stored device events to the tracker, after the device module updated the devices (order 0). One query
 * per batch finds the devices with an update in flight; only their events go to the tracker, in arrival order.
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
        List<DeviceEventRecorded> events = batch.events().stream().filter(e -> e.deviceId() != null).toList();
        if (events.isEmpty()) {
            return;
        }
        Set<String> tracked = events.size() == 1 ? Set.of(events.get(0).deviceId())
                : tracker.withUpdateInFlight(events.stream().map(DeviceEventRecorded::deviceId).toList());
        for (DeviceEventRecorded event : events) {
            if (tracked.contains(event.deviceId())) {
                tracker.onEvent(event.deviceId(), event.eventId(),
                        new Observation(event.name(), event.data(), event.productVersion(), event.publishedAt()));
            }
        }
    }

}
