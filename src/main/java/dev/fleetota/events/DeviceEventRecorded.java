package dev.fleetota.events;

import java.time.Instant;

/**
 * A valid event was stored for the first time; delivered to listeners as an element of {@link DeviceEventsRecorded}
 * (one per intake batch, inside the intake transaction).
 *
 * @param eventId id in {@code device_event}
 * @param deviceId the device, or null for cloud events ({@code coreid} {@code api} / {@code particle-internal})
 * @param name event name
 * @param data event data with trailing spaces removed ({@code "success "} arrives as {@code "success"}); may be null
 * @param publishedAt when Particle says it was published
 * @param productVersion envelope {@code version} (product firmware running; 0 = no app, e.g. safe mode); may be null
 * @param source how it arrived
 */
public record DeviceEventRecorded(long eventId, String deviceId, String name, String data, Instant publishedAt,
        Integer productVersion, EventSource source) {

}
