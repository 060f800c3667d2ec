package dev.fleetota.particlesim;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code POST /sim/events/flood}: a bounded flood of realistic, distinct device events on the product stream. */
class EventFloodTests {

    private ParticleSimulator sim;

    private SimClient client;

    @BeforeEach
    void start() {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000).strict(true).build());
        sim.seedFleet(5);
        client = new SimClient(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void floodsTheProductStreamWithDistinctEventsOfTheNamedKinds() {
        try (SseRecorder stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId() + "/events",
                sim.accessToken())) {

            var started = client.postJson("/sim/events/flood",
                    "{\"count\":60,\"names\":[\"spark/status\",\"spark/device/last_reset\",\"spark/flash/status\"]}");
            assertThat(started.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.events.size() >= 60);

            List<SseRecorder.Received> events = List.copyOf(stream.events);
            assertThat(events).hasSize(60);
            assertThat(events).extracting(SseRecorder.Received::name).containsOnly("spark/status",
                    "spark/device/last_reset", "spark/flash/status");
            Set<String> devices = new HashSet<>();
            Set<String> identities = new HashSet<>();
            for (SseRecorder.Received e : events) {
                JsonNode env = e.envelope();
                devices.add(env.get("coreid").asString());
                identities.add(e.name() + env.get("coreid").asString() + env.get("published_at").asString()
                        + env.get("data").asString());
                switch (e.name()) {
                    case "spark/status" -> assertThat(env.get("data").asString()).isIn("online", "offline");
                    case "spark/flash/status" -> assertThat(env.get("data").asString()).isIn("started ", "success ",
                            "failed ");
                    default -> assertThat(env.get("data").asString()).isNotBlank();
                }
            }
            assertThat(devices).hasSize(5);
            assertThat(identities).as("no two flood events are identical").hasSize(60);
            JsonNode status = client.getJson("/sim/events/flood");
            assertThat(status.get("published").asInt()).isEqualTo(60);
            assertThat(status.get("done").asBoolean()).isTrue();
            JsonNode last = status.get("lastEvent");
            SseRecorder.Received lastSeen = events.get(59);
            assertThat(last.get("deviceId").asString()).isEqualTo(lastSeen.envelope().get("coreid").asString());
            assertThat(Instant.parse(last.get("publishedAt").asString()))
                .isEqualTo(Instant.parse(lastSeen.envelope().get("published_at").asString()));
        }
    }

    @Test
    void isPacedByRatePerSecond() {
        long start = System.nanoTime();
        client.postJson("/sim/events/flood", "{\"count\":20,\"ratePerSecond\":50}");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.getJson("/sim/events/flood").get("done").asBoolean());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(client.getJson("/sim/events/flood").get("published").asInt()).isEqualTo(20);
    }

    @Test
    void refusesUnknownNamesAndMissingCount() {
        assertThat(client.postJson("/sim/events/flood", "{\"count\":5,\"names\":[\"tempmon\"]}").statusCode())
            .isEqualTo(400);
        assertThat(client.postJson("/sim/events/flood", "{\"names\":[\"spark/status\"]}").statusCode())
            .isEqualTo(400);
        assertThat(client.get("/sim/events/flood").statusCode()).isEqualTo(404);
    }

}
