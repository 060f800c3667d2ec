package dev.fleetota.particle;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Micrometer meters per call kind and outcome ({@code particle.calls} timer, {@code particle.retries} counter), and
 * the outcome of the most recent call for the health indicator. Tags never carry ids, URLs or the token.
 */
@Component
class ParticleCallMetrics {

    private final MeterRegistry registry;

    private final Clock clock;

    private final AtomicReference<LastCall> lastCall = new AtomicReference<>();

    ParticleCallMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The most recent finished call, or null before the first. */
    record LastCall(String call, String outcome, int status, Instant at) {
    }

    void record(ParticleCall call, String outcome, int status, long nanos) {
        Timer.builder("particle.calls")
            .description("Particle Cloud API calls by kind and outcome")
            .tag("call", call.label())
            .tag("outcome", outcome)
            .register(registry)
            .record(nanos, TimeUnit.NANOSECONDS);
        lastCall.set(new LastCall(call.label(), outcome, status, clock.instant()));
    }

    void retry(ParticleCall call, String reason) {
        Counter.builder("particle.retries")
            .description("Particle Cloud API call retries by kind and reason")
            .tag("call", call.label())
            .tag("reason", reason)
            .register(registry)
            .increment();
    }

    LastCall lastCall() {
        return lastCall.get();
    }

}
