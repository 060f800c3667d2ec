package dev.fleetota.particlesim;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SSE wire format of §9.2: {@code :ok}, keep-alives, event blocks with the product envelope, prefix filters. */
class EventStreamTests {

    private ParticleSimulator sim;
    private String device;

    @BeforeEach
    void start() {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000).strict(true)
                .keepAliveInterval(Duration.ofMillis(100)).build());
        sim.addFirmware(1, "1.5.2");
        device = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0")).id();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String events(String suffix) {
        return sim.baseUrl() + "/v1/products/" + sim.productId() + "/events" + suffix;
    }

    @Test
    void streamStartsWithOkAndSendsKeepAlivesWhileQuiet() {
        try (SseRecorder stream = SseRecorder.open(events(""), sim.accessToken())) {

            await().atMost(Duration.ofSeconds(3)).until(() -> stream.comments.size() >= 4);

            assertThat(stream.comments).allMatch(":ok"::equals);
            assertThat(stream.events).isEmpty();
        }
    }

    @Test
    void eventsCarryTheProductEnvelope() {
        try (SseRecorder stream = SseRecorder.open(events(""), sim.accessToken())) {

            sim.publish(device, "tempmon", "{\"t\":21}");
            await().atMost(Duration.ofSeconds(3)).until(() -> !stream.events.isEmpty());

            SseRecorder.Received event = stream.events.get(0);
            JsonNode envelope = event.envelope();
            assertThat(event.name()).isEqualTo("tempmon");
            assertThat(envelope.propertyNames()).containsExactly("data", "ttl", "published_at", "coreid", "userid",
                    "version", "public", "productID");
            assertThat(envelope.get("data").asString()).isEqualTo("{\"t\":21}");
            assertThat(envelope.get("ttl").asInt()).isEqualTo(60);
            assertThat(envelope.get("published_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(envelope.get("coreid").asString()).isEqualTo(device);
            assertThat(envelope.get("version").asInt()).isEqualTo(1);
            assertThat(envelope.get("public").asBoolean()).isFalse();
            assertThat(envelope.get("productID").asInt()).isEqualTo(sim.productId());
        }
    }

    @Test
    void prefixFilterAcceptsAnEncodedOrARawSlash() {
        try (SseRecorder encoded = SseRecorder.open(events("/spark%2Fdevice"), sim.accessToken());
                SseRecorder raw = SseRecorder.open(events("/spark/device"), sim.accessToken())) {

            sim.publish(device, "spark/status", "online");
            sim.publish(device, "spark/device/last_reset", "pin_reset");
            sim.publish(device, "tempmon", "1");
            await().atMost(Duration.ofSeconds(3)).until(() -> encoded.events.size() == 1 && raw.events.size() == 1);

            assertThat(encoded.events).extracting(SseRecorder.Received::name).containsExactly("spark/device/last_reset");
            assertThat(raw.events).extracting(SseRecorder.Received::name).containsExactly("spark/device/last_reset");
        }
    }

    @Test
    void deviceStreamSeesOnlyItsDevice() {
        String other = sim.addDevice(DeviceSpec.of(Platform.P2)).id();
        try (SseRecorder stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId() + "/devices/"
                + device + "/events", sim.accessToken())) {

            sim.publish(other, "tempmon", "1");
            sim.publish(device, "tempmon", "2");
            await().atMost(Duration.ofSeconds(3)).until(() -> !stream.events.isEmpty());

            assertThat(stream.events).extracting(SseRecorder.Received::data).containsExactly("2");
        }
    }

    @Test
    void eventsPublishedBeforeConnectingAreNotReplayed() {
        sim.publish(device, "before", "1");
        try (SseRecorder stream = SseRecorder.open(events(""), sim.accessToken())) {

            sim.publish(device, "after", "2");
            await().atMost(Duration.ofSeconds(3)).until(() -> !stream.events.isEmpty());

            assertThat(stream.events).extracting(SseRecorder.Received::name).containsExactly("after");
        }
    }

    @Test
    void droppingStreamsEndsThemServerSide() throws InterruptedException {
        try (SseRecorder stream = SseRecorder.open(events(""), sim.accessToken())) {

            int dropped = sim.dropStreams();
            stream.awaitEnd(Duration.ofSeconds(3));

            assertThat(dropped).isEqualTo(1);
            assertThat(stream.ended()).isTrue();
            assertThat(sim.stats().streamsDropped()).isEqualTo(1);
        }
    }

    @Test
    void rawTextReachesEveryOpenStreamVerbatimAndLaterEventsStillArrive() {
        try (SseRecorder product = SseRecorder.open(events("/spark"), sim.accessToken());
                SseRecorder deviceStream = SseRecorder.open(sim.baseUrl() + "/v1/devices/" + device + "/events",
                        sim.accessToken())) {
            SimClient admin = new SimClient(sim.baseUrl(), null);

            var response = admin.postJson("/sim/streams/raw",
                    "{\"text\":\"event: spark/status\\ndata: {not json\\n\\n\"}");
            sim.publish(device, "spark/status", "online");
            await().atMost(Duration.ofSeconds(3)).until(() -> product.events.size() == 2 && deviceStream.events.size() == 2);

            assertThat(SimClient.json(response).get("streams").asInt()).isEqualTo(2);
            assertThat(product.events.get(0).rawData()).isEqualTo("{not json");
            assertThat(product.events.get(0).envelope()).isNull();
            assertThat(product.events.get(1).data()).isEqualTo("online");
            assertThat(deviceStream.events.get(0).rawData()).isEqualTo("{not json");
        }
    }

    @Test
    void rawTextIsRequired() {
        var response = new SimClient(sim.baseUrl(), null).postJson("/sim/streams/raw", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void publicStreamRequiresAPrefix() {
        var response = new SimClient(sim).get("/v1/events");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"ok\":false,\"error\":\"event prefix filter is required\"}");
    }

    @Test
    void unknownTokenOnAStreamIsRejectedWith401() {
        SseRecorder stream = SseRecorder.open(events(""), "bad");

        assertThat(stream.status).isEqualTo(401);
        stream.close();
    }

    @Test
    void streamRealismCanDuplicateAndReorderWhenNotStrict() {
        sim.close();
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000)
                .realism(new SimulatorSettings.Realism(1.0, 0, 1.0, 1.0)).build());
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON)).id();
        try (SseRecorder stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId() + "/events",
                sim.accessToken())) {

            sim.publish(id, "tempmon", "1");
            await().atMost(Duration.ofSeconds(3)).until(() -> stream.events.size() == 2);

            List<SseRecorder.Received> events = stream.events;
            assertThat(events.get(0).rawData()).isEqualTo(events.get(1).rawData());
            assertThat(events.get(0).envelope().get("ttl").isString()).isTrue();
        }
    }

}
