package dev.fleetota.particle;

import dev.fleetota.particle.ParticleCallMetrics.LastCall;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code particle}: whether access is configured and how the last call went. It never calls the cloud itself.
 * DOWN only when Particle rejected the token (nothing will work until someone fixes it); outages show as details.
 */
@Component("particleHealthIndicator")
class ParticleHealthIndicator implements HealthIndicator {

    private final ParticleProperties properties;

    private final ParticleCallMetrics metrics;

    ParticleHealthIndicator(ParticleProperties properties, ParticleCallMetrics metrics) {
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public Health health() {
        if (!properties.configured()) {
            return Health.unknown().withDetail("configured", false).build();
        }
        Health.Builder health = Health.up();
        LastCall last = metrics.lastCall();
        if (last != null) {
            if ("unauthorized".equals(last.outcome())) {
                health = Health.down();
            }
            health.withDetail("lastCall", last.call())
                .withDetail("lastOutcome", last.outcome())
                .withDetail("lastStatus", last.status())
                .withDetail("lastCallAt", last.at().toString());
        }
        return health.withDetail("configured", true)
            .withDetail("baseUrl", properties.baseUrl().toString())
            .withDetail("product", properties.product())
            .build();
    }

}
