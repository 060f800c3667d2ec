package dev.fleetota.particlesim;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ground truth and fault injection under {@code /sim/} over HTTP. */
class AdminApiTests {

    private ParticleSimulator sim;
    private SimClient admin;
    private SimClient particle;
    private String id;

    @BeforeEach
    void start() {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000).strict(true).build());
        admin = new SimClient(sim.baseUrl(), null);
        particle = new SimClient(sim);
        sim.addFirmware(3, "4.0.2");
        sim.addFirmware(4, "4.0.2");
        id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)).id();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void deviceGroundTruthListsFlashCommandsAndTimeline() {
        particle.putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                "{\"desired_firmware_version\":4,\"flash\":true}");
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.device(id).firmwareVersion() == 4);

        JsonNode device = admin.getJson("/sim/devices/" + id);

        assertThat(device.get("firmwareVersion").asInt()).isEqualTo(4);
        assertThat(device.get("bricked").asBoolean()).isFalse();
        assertThat(device.get("flashCommands").get(0).get("desiredFirmwareVersion").asInt()).isEqualTo(4);
        assertThat(device.get("timeline").get(0).get("data").asString()).isEqualTo("auto-update");
    }

    @Test
    void faultsAndPowerAreSetPerDevice() {
        JsonNode faulted = SimClient.json(admin.postJson("/sim/devices/" + id + "/faults",
                "{\"flashFails\":true,\"linkSlowdown\":4}"));
        JsonNode off = SimClient.json(admin.postJson("/sim/devices/" + id + "/power", "{\"on\":false}"));

        assertThat(faulted.get("fault").get("flashFails").asBoolean()).isTrue();
        assertThat(sim.device(id).fault().linkSlowdown()).isEqualTo(4);
        assertThat(off.get("powered").asBoolean()).isFalse();
    }

    @Test
    void aFaultReadFromTheGroundTruthCanBePostedBack() {
        sim.setFault(id, Fault.NONE.withHealerLoop().withLinkSlowdown(3));
        JsonNode fault = admin.getJson("/sim/devices/" + id).get("fault");
        sim.setFault(id, Fault.NONE);

        int status = admin.postJson("/sim/devices/" + id + "/faults", fault.toString()).statusCode();

        assertThat(status).isEqualTo(200);
        assertThat(sim.device(id).fault()).isEqualTo(Fault.NONE.withHealerLoop().withLinkSlowdown(3));
    }

    @Test
    void aBodyNamingOneFaultSwitchesOnlyThatOneOn() {
        int status = admin.postJson("/sim/devices/" + id + "/faults", "{\"powerLossInSafeMode\":true}").statusCode();

        assertThat(status).isEqualTo(200);
        assertThat(sim.device(id).fault().powerLossInSafeMode()).isTrue();
        assertThat(sim.device(id).fault().flashFails()).isFalse();
    }

    @Test
    void unknownFaultKnobsAreRejected() {
        assertThat(admin.postJson("/sim/devices/" + id + "/faults", "{\"flashFail\":true}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void globalFaultsDropStreamsPeriodically() {
        admin.postJson("/sim/faults", "{\"rate429\":0,\"dropStreamsEvery\":\"PT0.2S\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            SseRecorder stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId() + "/events",
                    sim.accessToken());
            stream.awaitEnd(Duration.ofSeconds(2));
            return stream.ended();
        });
        assertThat(admin.getJson("/sim/faults").get("dropStreamsEvery").isNull()).isFalse();
        assertThat(admin.getJson("/sim/stats").get("streamsDropped").asLong()).isPositive();
    }

    @Test
    void firmwareCanBeAddedWithItsRequiredDeviceOs() {
        JsonNode fw = SimClient.json(admin.postJson("/sim/firmware", "{\"version\":12,\"device_os_version\":\"6.1.1\"}"));

        assertThat(fw.get("device_os_version").asString()).isEqualTo("6.1.1");
        assertThat(particle.get("/v1/products/" + sim.productId() + "/firmware/12").statusCode()).isEqualTo(200);
    }

    @Test
    void devicesCanBeAddedAndFilteredByGroundTruth() {
        admin.postJson("/sim/devices", "{\"platform\":\"ELECTRON\",\"sim\":\"THIRD_PARTY\",\"online\":false}");

        JsonNode offline = admin.getJson("/sim/devices?online=false");

        assertThat(offline.get("total").asInt()).isEqualTo(1);
        assertThat(offline.get("devices").get(0).get("simKind").asString()).isEqualTo("THIRD_PARTY");
    }

}
