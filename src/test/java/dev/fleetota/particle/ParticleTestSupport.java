package dev.fleetota.particle;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Builds a real {@link ParticleClient} (interceptors, limiter, retries) against a MockWebServer. */
final class ParticleTestSupport {

    static final String TOKEN = "3f9c0e7d2b4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e";

    static final String PRODUCT = "30301";

    static final String DEVICE = "e00fce68aabbccddeeff0011";

    private ParticleTestSupport() {
    }

    static ParticleProperties properties(MockWebServer server, ParticleProperties.RateLimit limits, int maxRetries,
            Duration readTimeout) {
        return new ParticleProperties(URI.create(server.url("/").toString()), TOKEN, PRODUCT, null, limits,
                Duration.ofSeconds(2), readTimeout, Duration.ofSeconds(10), maxRetries, Duration.ofMillis(2),
                Duration.ofMillis(10));
    }

    static ParticleProperties.RateLimit generousLimits() {
        return new ParticleProperties.RateLimit(10_000, Duration.ofMinutes(5), 100, Duration.ofMinutes(5),
                Duration.ofSeconds(5));
    }

    static ParticleClient client(ParticleProperties properties, SimpleMeterRegistry registry) {
        return new ParticleClient(properties, ParticleClientConfiguration.httpClient(properties),
                new ParticleCallMetrics(registry, Clock.systemUTC()));
    }

    static ParticleClient client(MockWebServer server) {
        return client(properties(server, generousLimits(), 3, Duration.ofSeconds(2)), new SimpleMeterRegistry());
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse ok(String body) {
        return json(200, body);
    }

}
