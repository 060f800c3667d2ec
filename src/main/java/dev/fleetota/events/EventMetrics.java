package dev.fleetota.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Counters {@code fleetota.events.received|stored|duplicates|rejected}, tagged by source. */
@Component
class EventMetrics {

    private final MeterRegistry registry;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(EventSource source, int count) {
        counter("fleetota.events.received", source, count);
    }

    void stored(EventSource source, int count) {
        counter("fleetota.events.stored", source, count);
    }

    void duplicates(EventSource source, int count) {
        counter("fleetota.events.duplicates", source, count);
    }

    void rejected(EventSource source, int count) {
        counter("fleetota.events.rejected", source, count);
    }

    private void counter(String name, EventSource source, int count) {
        if (count > 0) {
            Counter.builder(name).tag("source", source.name()).register(registry).increment(count);
        }
    }

}
