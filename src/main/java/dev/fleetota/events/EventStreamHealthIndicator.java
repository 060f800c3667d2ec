package dev.fleetota.events;

import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health {@code eventStream}: state of this instance's stream, last event, and which instance holds the stream. */
@Component("eventStreamHealthIndicator")
class EventStreamHealthIndicator implements HealthIndicator {

    private final ProductEventStream stream;

    private final StreamLease lease;

    EventStreamHealthIndicator(ProductEventStream stream, StreamLease lease) {
        this.stream = stream;
        this.lease = lease;
    }

    @Override
    public Health health() {
        ProductEventStream.State state = stream.state();
        Health.Builder health = state == ProductEventStream.State.DISABLED ? Health.unknown() : Health.up();
        health.withDetail("state", state.name()).withDetail("instance", stream.instanceId());
        Instant last = stream.lastEventAt();
        if (last != null) {
            health.withDetail("lastEventAt", last.toString());
        }
        if (state != ProductEventStream.State.DISABLED) {
            try {
                health.withDetail("holder", lease.holder(ProductEventStream.LEASE).orElse("(none)"));
            }
            catch (RuntimeException ex) {
                health.withDetail("holder", "(unknown: database unavailable)");
            }
        }
        return health.build();
    }

}
