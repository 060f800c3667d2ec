package dev.fleetota.events;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Counters {@code fleetota.events.received|stored|duplicates|rejected}, tagged by source; the intake writer's
 * {@code fleetota.events.intake.batch} (transaction time) and {@code fleetota.events.intake.batch.size}.
 */
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

    void batch(int size, long nanos) {
        DistributionSummary.builder("fleetota.events.intake.batch.size").register(registry).record(size);
        Timer.builder("fleetota.events.intake.batch").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void counter(String name, EventSource source, int count) {
        if (count > 0) {
            Counter.builder(name).tag("source", source.name()).register(registry).increment(count);
        }
    }

}
