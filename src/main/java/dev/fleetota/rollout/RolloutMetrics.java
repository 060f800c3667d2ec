package dev.fleetota.rollout;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** Micrometer figures for rollouts: device outcomes, halts and how fast they were decided, commands sent. */
@Component
class RolloutMetrics {

    private final MeterRegistry registry;

    private final Timer haltLatency;

    private final Timer tick;

    RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.haltLatency = Timer.builder("fleetota.rollout.halt.latency")
            .description("From the halt condition becoming true to the HALTED state being committed")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
        this.tick = Timer.builder("fleetota.rollout.tick")
            .description("One engine tick: every rollout stepped once; a wake-up (such as a failure to check against"
                    + " the halt rules) waits for the tick in progress")
            .register(registry);
    }

    void tick(java.time.Duration took) {
        tick.record(took);
    }

    void deviceOutcome(DeviceUpdateState state) {
        registry.counter("fleetota.device_updates.finished", "state", state.name()).increment();
    }

    void halted(HaltReason reason) {
        registry.counter("fleetota.rollout.halts", "rule", reason.rule()).increment();
        if (reason.conditionAt() != null && reason.decidedAt() != null) {
            haltLatency.record(java.time.Duration.between(reason.conditionAt(), reason.decidedAt()).abs());
        }
    }

    void rolloutStatus(RolloutStatus status) {
        registry.counter("fleetota.rollout.transitions", "to", status.name()).increment();
    }

    void command(String outcome) {
        registry.counter("fleetota.flash_commands", "outcome", outcome).increment();
    }

}
