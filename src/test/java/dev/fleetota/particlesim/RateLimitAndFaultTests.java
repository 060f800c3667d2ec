package dev.fleetota.particlesim;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-IP rate limits (§3) answered with 429 and no Retry-After, and injected 429/5xx faults per route. */
class RateLimitAndFaultTests {

    private ParticleSimulator sim;

    @AfterEach
    void stop() {
        sim.close();
    }

    private void start(int requests, int sseOpens, int sseConcurrent) {
        sim = ParticleSimulator.start(SimulatorSettings.builder().strict(true)
                .rateLimits(new SimulatorSettings.RateLimits(Duration.ofMinutes(5), requests, sseOpens, sseConcurrent))
                .build());
    }

    @Test
    void requestsOverTheConfiguredLimitGet429WithoutRetryAfter() {
        start(5, 100, 100);
        SimClient client = new SimClient(sim);
        for (int i = 0; i < 5; i++) {
            assertThat(client.get("/v1/products/" + sim.productId() + "/devices").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = client.get("/v1/products/" + sim.productId() + "/devices");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        assertThat(sim.stats().rateLimited()).isEqualTo(1);
    }

    @Test
    void streamOpensOverTheLimitGet429() {
        start(1000, 2, 100);
        String url = sim.baseUrl() + "/v1/products/" + sim.productId() + "/events";
        SseRecorder.open(url, sim.accessToken()).close();
        SseRecorder.open(url, sim.accessToken()).close();

        SseRecorder third = SseRecorder.open(url, sim.accessToken());

        assertThat(third.status).isEqualTo(429);
        third.close();
    }

    @Test
    void concurrentStreamsOverTheLimitGet429() {
        start(1000, 100, 1);
        String url = sim.baseUrl() + "/v1/products/" + sim.productId() + "/events";
        try (SseRecorder first = SseRecorder.open(url, sim.accessToken())) {

            SseRecorder second = SseRecorder.open(url, sim.accessToken());

            assertThat(first.status).isEqualTo(200);
            assertThat(second.status).isEqualTo(429);
            second.close();
        }
    }

    @Test
    void injectedFaultsHitOnlyTheConfiguredRoute() {
        start(1000, 100, 100);
        SimClient client = new SimClient(sim);
        sim.globalFaults(new GlobalFaults(0, 0, 503,
                Map.of("listDevices", new GlobalFaults.RouteFaults(0, 1.0)), null));

        HttpResponse<String> list = client.get("/v1/products/" + sim.productId() + "/devices");
        HttpResponse<String> firmware = client.get("/v1/products/" + sim.productId() + "/firmware");

        assertThat(list.statusCode()).isEqualTo(503);
        assertThat(firmware.statusCode()).isEqualTo(200);
        assertThat(sim.stats().injected5xx()).isEqualTo(1);
    }

    @Test
    void injected429sCarryNoRetryAfterEither() {
        start(1000, 100, 100);
        sim.globalFaults(new GlobalFaults(1.0, 0, 500, Map.of(), null));

        HttpResponse<String> response = new SimClient(sim).get("/v1/products/" + sim.productId() + "/firmware");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void adminRoutesAreNeitherAuthenticatedNorRateLimited() {
        start(1, 100, 100);
        SimClient anonymous = new SimClient(sim.baseUrl(), null);

        int first = anonymous.get("/sim/stats").statusCode();
        int second = anonymous.get("/sim/devices").statusCode();

        assertThat(first).isEqualTo(200);
        assertThat(second).isEqualTo(200);
    }

}
