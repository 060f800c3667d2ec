package dev.fleetota.events;

import java.util.List;

/**
 * Valid events stored for the first time by one intake call, in arrival order: published once per batch,
 * synchronously inside the intake transaction, so listeners run in that transaction (device state first, then the
 * rollout engine), see each event exactly once and can apply a whole batch with a few statements.
 *
 * @param events the events, in the order they were received; never empty
 * @param source how they arrived
 */
public record DeviceEventsRecorded(List<DeviceEventRecorded> events, EventSource source) {

    public DeviceEventsRecorded {
        events = List.copyOf(events);
    }

}
