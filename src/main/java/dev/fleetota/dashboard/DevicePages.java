package dev.fleetota.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.fleetota.api.PageResponse;
import dev.fleetota.device.DeviceEventView;
import dev.fleetota.device.DeviceEvents;
import dev.fleetota.device.DeviceService;
import dev.fleetota.device.DeviceView;
import dev.fleetota.rollout.RolloutQueries;
import dev.fleetota.rollout.RolloutViews.TransitionView;

import org.springframework.stereotype.Service;

/** Reads the device page: the device, its newest events and its newest transitions, merged by time. */
@Service
class DevicePages {

    static final int LIMIT = 100;

    private final DeviceService devices;

    private final DeviceEvents events;

    private final RolloutQueries rollouts;

    DevicePages(DeviceService devices, DeviceEvents events, RolloutQueries rollouts) {
        this.devices = devices;
        this.events = events;
        this.rollouts = rollouts;
    }

    DevicePage page(String deviceId) {
        DeviceView device = devices.get(deviceId);
        PageResponse<DeviceEventView> stored = events.newestFirst(device.id(), 0, LIMIT);
        List<DevicePage.Entry> timeline = new ArrayList<>();
        stored.items().forEach(e -> timeline.add(event(e)));
        rollouts.deviceTransitions(device.id(), LIMIT).forEach(t -> timeline.add(transition(t)));
        timeline.sort(Comparator.comparing(DevicePage.Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        return new DevicePage(device, timeline, stored.totalItems(), LIMIT);
    }

    private static DevicePage.Entry event(DeviceEventView e) {
        Instant at = e.publishedAt() != null ? e.publishedAt() : e.receivedAt();
        String detail = (e.data() == null ? "" : e.data())
                + (e.productVersion() == null ? "" : "  (app v" + e.productVersion() + ")")
                + (e.rejectedReason() == null ? "" : "  rejected: " + e.rejectedReason());
        return new DevicePage.Entry(at, "event", e.name(), detail.strip(), null,
                e.rejectedReason() == null ? "idle" : "bad");
    }

    private static DevicePage.Entry transition(TransitionView t) {
        String from = t.fromState() == null ? "" : t.fromState() + " → ";
        String tone = RolloutPages.tone(t.toState());
        return new DevicePage.Entry(t.at(), "rollout", from + t.toState(),
                t.cause() + (t.attempt() > 1 ? " (attempt " + t.attempt() + ")" : ""), t.rolloutId(), tone);
    }

}
