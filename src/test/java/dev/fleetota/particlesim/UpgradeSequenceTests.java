package dev.fleetota.particlesim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Device OS upgrade of a Boron follows the captured timeline of §11.2 step by step. */
class UpgradeSequenceTests {

    private ParticleSimulator sim;
    private SimClient client;
    private final List<JsonNode> apiViewAtEachEvent = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> recording = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(100).strict(true).build());
        client = new SimClient(sim);
        sim.addFirmware(3, "4.0.2");
        sim.addFirmware(4, "4.2.0");
        DeviceJson json = new DeviceJson(sim.context());
        sim.onEvent(event -> {
            if (recording.containsKey(event.coreid)) {
                apiViewAtEachEvent.add(json.detail(sim.find(event.coreid)));
            }
        });
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void boronNeedingNewDeviceOsGoesThroughSafeModeAndTheHealerAsCaptured() throws Exception {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)).id();
        recording.put(id, true);
        try (SseRecorder stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId() + "/events",
                sim.accessToken())) {

            var response = client.putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                    "{\"desired_firmware_version\":4,\"flash\":true}");
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.eventsOf(id).stream()
                    .anyMatch(e -> e.name().equals("spark/device/diagnostics/update")));

            assertThat(response.statusCode()).isEqualTo(200);
            List<SseRecorder.Received> events = stream.eventsOf(id);
            assertThat(events).extracting(e -> e.name() + "=" + shortData(e) + "@" + e.version()).containsExactly(
                    "spark/status=auto-update@3",
                    "spark/flash/status=started @3",
                    "spark/flash/status=success @3",
                    "spark/status=offline@3",
                    "spark/status=online@0",
                    "spark/status/safe-mode=<json>@0",
                    "spark/status=online@0",
                    "spark/status/safe-mode=<json>@0",
                    "spark/flash/status=success @0",
                    "spark/status=offline@0",
                    "spark/status=online@4",
                    "spark/device/last_reset=update@4",
                    "particle/device/updates/enabled=true@4",
                    "particle/device/updates/forced=false@4",
                    "spark/device/app-hash=<hash>@4",
                    "particle/device/updates/pending=false@4",
                    "spark/device/diagnostics/update=<json>@4");
        }
    }

    @Test
    void safeModeReportsNameTheMissingDeviceOsAndShowTheHealerProgress() throws Exception {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)).id();
        try (SseRecorder stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId()
                + "/events/spark%2Fstatus%2Fsafe-mode", sim.accessToken())) {

            client.putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                    "{\"desired_firmware_version\":4,\"flash\":true}");
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.events.size() == 2);

            JsonNode first = SimClient.JSON.readTree(stream.events.get(0).data());
            JsonNode second = SimClient.JSON.readTree(stream.events.get(1).data());
            assertThat(first.get("p").asInt()).isEqualTo(13);
            assertThat(first.get("iccid").asString()).isEqualTo(sim.device(id).iccid());
            assertThat(module(first, "b").get("v").asInt()).isEqualTo(1101);
            assertThat(module(first, "s").get("v").asInt()).isEqualTo(4002);
            assertThat(module(first, "u").get("vv").asInt()).isEqualTo(26);
            assertThat(module(first, "u").get("d").get(0).get("v").asInt()).isEqualTo(4200);
            assertThat(module(first, "u").get("u").asString()).hasSize(64);
            assertThat(module(second, "b").get("v").asInt()).isEqualTo(1200);
            assertThat(module(second, "s").get("v").asInt()).isEqualTo(4002);
        }
    }

    @Test
    void deviceFieldsFollowEachStageOfTheUpgrade() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)).id();
        recording.put(id, true);
        long handshakeBefore = sim.device(id).lastHandshakeAt().toEpochMilli();

        client.putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                "{\"desired_firmware_version\":4,\"flash\":true}");
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.device(id).updatesCompleted() == 1);

        JsonNode started = apiViewAtEachEvent.get(1);
        JsonNode safeMode = apiViewAtEachEvent.get(5);
        JsonNode done = apiViewAtEachEvent.get(10);
        assertThat(started.get("status").asString()).isEqualTo("normal");
        assertThat(started.get("firmware_version").asInt()).isEqualTo(3);
        assertThat(started.get("desired_firmware_version").asInt()).isEqualTo(4);
        assertThat(started.get("targeted_firmware_release_version").asInt()).isEqualTo(4);
        assertThat(safeMode.get("status").asString()).isEqualTo("safe_mode");
        assertThat(safeMode.get("firmware_version").asInt()).isEqualTo(3);
        assertThat(safeMode.get("system_firmware_version").asString()).isEqualTo("4.0.2");
        assertThat(safeMode.get("online").asBoolean()).isTrue();
        assertThat(done.get("status").asString()).isEqualTo("normal");
        assertThat(done.get("firmware_version").asInt()).isEqualTo(4);
        assertThat(done.get("system_firmware_version").asString()).isEqualTo("4.2.0");
        assertThat(done.get("current_build_target").asString()).isEqualTo("4.2.0");
        assertThat(done.get("targeted_firmware_release_version").asInt()).isEqualTo(4);
        JsonNode viaApi = client.getJson("/v1/products/" + sim.productId() + "/devices/" + id);
        assertThat(viaApi.get("firmware_version").asInt()).isEqualTo(4);
        assertThat(viaApi.get("last_handshake_at").asString()).isGreaterThan(
                Json.timestamp(handshakeBefore));
    }

    private static JsonNode module(JsonNode payload, String function) {
        for (JsonNode m : payload.get("m").values()) {
            if (m.get("f").asString().equals(function)) {
                return m;
            }
        }
        throw new AssertionError("no module " + function);
    }

    private static String shortData(SseRecorder.Received e) {
        String data = e.data();
        if (data.startsWith("{")) {
            return "<json>";
        }
        return data.matches("[0-9a-f]{64}") ? "<hash>" : data;
    }

}
