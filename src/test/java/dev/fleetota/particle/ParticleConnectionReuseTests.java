package dev.fleetota.particle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine calls Particle in bursts from a dozen threads (flash dispatchers, cloud readers): the connections of one
 * burst must serve the next, not be closed and opened again (a TCP and TLS handshake each).
 */
class ParticleConnectionReuseTests {

    private static final int CONCURRENT = 12;

    private final MockWebServer server = new MockWebServer();

    private final ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT);

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        server.close();
    }

    @Test
    void aSecondBurstOfConcurrentCallsReusesTheFirstBurstsConnections() throws Exception {
        OkHttpClient client = ParticleClientConfiguration.httpClient(ParticleTestSupport.properties(server,
                ParticleTestSupport.generousLimits(), 0, Duration.ofSeconds(5)));
        for (int i = 0; i < 2 * CONCURRENT; i++) {
            // slow enough that a burst's calls overlap, so each needs a connection of its own
            server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}")
                .headersDelay(300, java.util.concurrent.TimeUnit.MILLISECONDS).build());
        }

        burst(client);
        burst(client);

        int connections = 0;
        for (int i = 0; i < 2 * CONCURRENT; i++) {
            connections = Math.max(connections, server.takeRequest().getConnectionIndex() + 1);
        }
        assertThat(connections).isLessThanOrEqualTo(CONCURRENT);
    }

    private void burst(OkHttpClient client) {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try (Response r = client.newCall(new Request.Builder().url(server.url("/v1/ping")).build()).execute()) {
                    return r.code();
                }
                catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }, callers));
        }
        assertThat(calls.stream().map(CompletableFuture::join)).containsOnly(200);
    }

}
