package dev.fleetota.particle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.fleetota.particle.ParticleTestSupport.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared limiter, judged by when requests reach the server at a low configured rate. */
class ParticleRateLimiterTests {

    private static final Duration PERIOD = Duration.ofMillis(600);

    private static final int LIMIT = 5;

    private final MockWebServer server = new MockWebServer();

    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                boolean stream = "text/event-stream".equals(request.getHeaders().get("Accept"));
                return new MockResponse.Builder().code(200)
                    .addHeader("Content-Type", stream ? "text/event-stream" : "application/json")
                    .body(stream ? ":ok\n\n" : "{\"id\":\"" + DEVICE + "\"}")
                    .build();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsNeverExceedTheConfiguredRateInAnyWindow() {
        ParticleClient client = ParticleTestSupport.client(properties(LIMIT, 100, Duration.ofSeconds(5)),
                new SimpleMeterRegistry());

        for (int i = 0; i < 14; i++) {
            client.getDevice(DEVICE);
        }

        assertThat(maxInAnyWindow(arrivals, PERIOD)).isLessThanOrEqualTo(LIMIT);
        assertThat(Duration.ofNanos(arrivals.get(13) - arrivals.get(0))).isGreaterThan(PERIOD.multipliedBy(2));
    }

    @Test
    void streamOpensAreLimitedSeparatelyAndStillCountAsRequests() throws Exception {
        OkHttpClient http = ParticleClientConfiguration.httpClient(properties(1000, LIMIT, Duration.ofSeconds(5)));

        for (int i = 0; i < 12; i++) {
            Request open = new Request.Builder().url(server.url("/v1/products/30301/events"))
                .header("Accept", "text/event-stream")
                .build();
            try (Response response = http.newCall(open).execute()) {
                response.body().string();
            }
        }

        assertThat(maxInAnyWindow(arrivals, PERIOD)).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void aCallThatWouldWaitTooLongFailsAsRateLimitedWithoutBeingSent() {
        ParticleClient client = ParticleTestSupport.client(properties(2, 100, Duration.ofMillis(50)),
                new SimpleMeterRegistry());
        client.getDevice(DEVICE);

        assertThatThrownBy(() -> client.getDevice(DEVICE)).isInstanceOf(ParticleRateLimitedException.class);
        assertThat(arrivals).hasSize(1);
    }

    @Test
    void aSaturatedLimiterHandsOutAtLeast95PercentOfTheLimit() throws Exception {
        ParticleRateLimiter limiter = new ParticleRateLimiter("request", 100, Duration.ofMillis(500),
                Duration.ofSeconds(10));
        List<Long> granted = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        long end = start + Duration.ofMillis(2700).toNanos();
        List<Thread> callers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread caller = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        limiter.acquire();
                        granted.add(System.nanoTime() - start);
                    }
                }
                catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }

        // steady state: two seconds after the first window (the initial burst left out): at most 400 fit, 95 % = 380
        long inSteadyState = granted.stream().filter(t -> t >= 500_000_000L && t < 2_500_000_000L).count();
        assertThat(inSteadyState).isBetween(380L, 401L);
    }

    private ParticleProperties properties(int requests, int streamOpens, Duration maxWait) {
        return ParticleTestSupport.properties(server,
                new ParticleProperties.RateLimit(requests, PERIOD, streamOpens, PERIOD, maxWait), 0,
                Duration.ofSeconds(2));
    }

    static int maxInAnyWindow(List<Long> timestamps, Duration window) {
        int max = 0;
        for (int i = 0; i < timestamps.size(); i++) {
            int count = 0;
            for (long t : timestamps) {
                if (t >= timestamps.get(i) && t < timestamps.get(i) + window.toNanos()) {
                    count++;
                }
            }
            max = Math.max(max, count);
        }
        return max;
    }

}
