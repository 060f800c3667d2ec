package dev.fleetota.particlesim;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shortcuts and failure behaviours of the simulated upgrade (§11.4, §13.4). */
class FailureModeTests {

    private ParticleSimulator sim;
    private SimClient client;
    private SseRecorder stream;

    @BeforeEach
    void start() {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000).strict(true)
                .cellularOfflineLag(Duration.ofMinutes(10)).build());
        client = new SimClient(sim);
        sim.addFirmware(1, "1.5.2");
        sim.addFirmware(2, "2.3.1");
        sim.addFirmware(3, "4.0.2");
        sim.addFirmware(4, "4.2.0");
        stream = SseRecorder.open(sim.baseUrl() + "/v1/products/" + sim.productId() + "/events", sim.accessToken());
    }

    @AfterEach
    void stop() {
        stream.close();
        sim.close();
    }

    @Test
    void deviceWithSufficientDeviceOsSkipsSafeMode() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)).id();

        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.device(id).updatesCompleted() == 1);

        assertThat(names(id)).startsWith("spark/status=auto-update", "spark/flash/status=started ",
                "spark/flash/status=success ", "spark/status=offline", "spark/status=online",
                "spark/device/last_reset=update").doesNotContain("spark/status/safe-mode=<json>");
        assertThat(stream.eventsOf(id).get(4).version()).isEqualTo(4);
        assertThat(sim.device(id).systemFirmwareVersion()).isEqualTo("4.2.0");
    }

    @Test
    void failedTransferKeepsTheOldFirmware() throws InterruptedException {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)
                .withFault(Fault.NONE.withFlashFails())).id();

        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(id).contains("spark/flash/status=failed "));
        Thread.sleep(300);

        assertThat(names(id)).containsExactly("spark/status=auto-update", "spark/flash/status=started ",
                "spark/flash/status=failed ");
        assertThat(sim.device(id).firmwareVersion()).isEqualTo(3);
        assertThat(sim.device(id).phase()).isEqualTo("RUNNING");
    }

    @Test
    void powerLossInSafeModeBricksAThirdPartySimElectronSilently() throws InterruptedException {
        String id = sim.addDevice(DeviceSpec.of(Platform.ELECTRON).withSim(SimKind.THIRD_PARTY)
                .withDeviceOs("1.5.2").withFirmware(1)
                .withFault(Fault.NONE.withPowerLossInSafeMode(Duration.ofSeconds(30)))).id();

        lockAndFlash(id, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.device(id).bricked());
        int eventsAtBrick = stream.eventsOf(id).size();
        Thread.sleep(1_500);

        assertThat(names(id)).endsWith("spark/status/safe-mode=<json>");
        assertThat(stream.eventsOf(id)).hasSize(eventsAtBrick);
        assertThat(sim.device(id).online()).isFalse();
        assertThat(sim.device(id).status()).isEqualTo("safe_mode");
        assertThat(client.getJson(devicePath(id)).get("status").asString()).isEqualTo("safe_mode");
    }

    @Test
    void powerLossInSafeModeOnAParticleSimElectronRecoversAndTheHealerResumes() {
        String id = sim.addDevice(DeviceSpec.of(Platform.ELECTRON).withSim(SimKind.PARTICLE)
                .withDeviceOs("1.5.2").withFirmware(1)
                .withFault(Fault.NONE.withPowerLossInSafeMode(Duration.ofSeconds(30)))).id();

        lockAndFlash(id, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.device(id).updatesCompleted() == 1);

        DeviceSnapshot device = sim.device(id);
        assertThat(device.bricked()).isFalse();
        assertThat(device.firmwareVersion()).isEqualTo(2);
        assertThat(device.systemFirmwareVersion()).isEqualTo("2.3.1");
        long safeModeReports = names(id).stream().filter(n -> n.startsWith("spark/status/safe-mode")).count();
        assertThat(safeModeReports).as("bootloader + 3 system parts, one report repeated after the outage")
                .isEqualTo(5);
    }

    @Test
    void lockedOfflineDeviceUpdatesWhenItNextComesOnline() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withOnline(false)).id();
        lockAndFlash(id, 4);
        assertThat(stream.eventsOf(id)).isEmpty();

        sim.powerOn(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.device(id).firmwareVersion() == 4);

        assertThat(names(id)).startsWith("spark/status=online", "spark/device/last_reset=power_down")
                .contains("spark/status=auto-update", "spark/device/app-hash=<hash>");
        assertThat(sim.flashCommands(id)).singleElement()
                .satisfies(c -> assertThat(c.deviceConnected()).isFalse());
    }

    @Test
    void deviceWithUpdatesDisabledIsNotUpdatedAndReportsPending() throws InterruptedException {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withUpdatesEnabled(false)).id();

        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> !stream.eventsOf(id).isEmpty());
        Thread.sleep(300);

        assertThat(names(id)).containsExactly("particle/device/updates/pending=true");
        assertThat(sim.device(id).firmwareVersion()).isEqualTo(3);
    }

    @Test
    void forcingUpdatesDeliversThePendingUpdate() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withUpdatesEnabled(false)).id();
        lockAndFlash(id, 4);

        client.putJson(devicePath(id), "{\"firmware_updates_forced\":true}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.device(id).firmwareVersion() == 4);

        assertThat(names(id)).startsWith("particle/device/updates/pending=true",
                "particle/device/updates/forced=true", "spark/status=auto-update");
    }

    @Test
    void developmentDeviceIsNeverUpdatedAutomatically() throws InterruptedException {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withDevelopment(true)).id();

        lockAndFlash(id, 4);
        Thread.sleep(300);

        assertThat(stream.eventsOf(id)).isEmpty();
        assertThat(sim.device(id).firmwareVersion()).isEqualTo(3);
    }

    @Test
    void deviceThatComesBackOnTheOldVersionReportsAnUpdateError() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.2.0").withFirmware(3)
                .withFault(Fault.NONE.withComesBackOld())).id();

        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(id).contains("spark/device/last_reset=update_error"));

        assertThat(sim.device(id).firmwareVersion()).isEqualTo(3);
        assertThat(stream.eventsOf(id).get(4).version()).isEqualTo(3);
    }

    @Test
    void stuckHealerLeavesTheDeviceInSafeMode() throws InterruptedException {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)
                .withFault(Fault.NONE.withHealerStuck())).id();

        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(id).contains("spark/status/safe-mode=<json>"));
        Thread.sleep(500);

        assertThat(sim.device(id).status()).isEqualTo("safe_mode");
        assertThat(names(id).stream().filter(n -> n.startsWith("spark/status/safe-mode")).count()).isEqualTo(1);
    }

    @Test
    void deviceStuckInSafeModeRecoversWhenLockedBackToAnAppItsDeviceOsRuns() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)
                .withFault(Fault.NONE.withHealerStuck())).id();
        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(id).contains("spark/status/safe-mode=<json>"));

        lockAndFlash(id, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(id).contains("spark/device/app-hash=<hash>"));

        assertThat(sim.device(id).status()).isEqualTo("normal");
        assertThat(sim.device(id).installedFirmwareVersion()).isEqualTo(3);
        assertThat(names(id).subList(6, names(id).size())).containsSubsequence("spark/status=auto-update",
                "spark/status=offline", "spark/status=online", "spark/device/last_reset=update", "particle/device/updates/enabled=true",
                "particle/device/updates/forced=false", "spark/device/app-hash=<hash>");
    }

    @Test
    void loopingHealerKeepsReenteringSafeModeWithoutProgress() {
        String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(3)
                .withFault(Fault.NONE.withHealerLoop())).id();

        lockAndFlash(id, 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> names(id).stream()
                .filter(n -> n.startsWith("spark/status/safe-mode")).count() >= 4);

        assertThat(sim.device(id).firmwareVersion()).isEqualTo(3);
        assertThat(sim.device(id).systemFirmwareVersion()).isEqualTo("4.0.2");
    }

    private void lockAndFlash(String id, int version) {
        var response = client.putJson(devicePath(id),
                "{\"desired_firmware_version\":" + version + ",\"flash\":true}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private String devicePath(String id) {
        return "/v1/products/" + sim.productId() + "/devices/" + id;
    }

    private List<String> names(String id) {
        return stream.eventsOf(id).stream().map(e -> e.name() + "=" + shortData(e)).toList();
    }

    private static String shortData(SseRecorder.Received e) {
        String data = e.data();
        if (data.startsWith("{")) {
            return "<json>";
        }
        return data.matches("[0-9a-f]{64}") ? "<hash>" : data;
    }

}
