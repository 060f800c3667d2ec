package dev.fleetota.particle;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fleetota.IntegrationTest;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.Platform;
import dev.fleetota.particlesim.SimKind;
import dev.fleetota.particlesim.SimulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real client against the simulator: both follow the contract, so they must understand each other. */
@IntegrationTest
class ParticleClientAgainstSimulatorTests {

    static final ParticleSimulator SIM = ParticleSimulator.start(SimulatorSettings.builder()
        .port(0).seed(3).timeScale(200).strict(true)
        .faultProbabilities(SimulatorSettings.FaultProbabilities.NONE).requireRunBeforeRelease(false).build());

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        registry.add("fleetota.particle.base-url", SIM::baseUrl);
        registry.add("fleetota.particle.access-token", SIM::accessToken);
        registry.add("fleetota.particle.product", () -> String.valueOf(SIM.productId()));
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Autowired
    ParticleClient client;

    @Test
    void listsEveryDeviceOverSeveralPagesWithTheirFields() {
        List<String> ids = SIM.seedFleet(230);

        List<ParticleDevice> listed = client.listAllDevices();

        Set<String> listedIds = listed.stream().map(ParticleDevice::id).collect(Collectors.toSet());
        assertThat(listedIds).containsAll(ids);
        assertThat(listed).allSatisfy(d -> {
            assertThat(d.platformId()).isNotNull();
            assertThat(d.systemFirmwareVersion()).isNotBlank();
        });
    }

    @Test
    void lockAndFlashUpgradesTheDeviceAndIsCountedOnce() {
        SIM.addFirmware(41, "4.0.2");
        SIM.addFirmware(42, "4.2.0");
        String id = SIM.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(41)).id();

        client.lockAndFlash(id, 42);

        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            ParticleDevice d = client.getDevice(id);
            return Integer.valueOf(42).equals(d.firmwareVersion()) && "4.2.0".equals(d.systemFirmwareVersion())
                    && !d.safeMode();
        });
        assertThat(SIM.flashCommands(id)).hasSize(1);
        assertThat(client.getDevice(id).desiredFirmwareVersion()).isEqualTo(42);
    }

    @Test
    void readsGroupsFunctionsDeviceOsVersionsAndDiagnostics() {
        String id = SIM.addDevice(DeviceSpec.of(Platform.ELECTRON).withSim(SimKind.THIRD_PARTY)).id();

        client.createGroup("wave-1", "first wave");
        client.setGroups(id, List.of("wave-1"));

        assertThat(client.listGroups()).extracting(ParticleGroup::name).contains("wave-1");
        assertThat(client.getDevice(id).groups()).containsExactly("wave-1");
        assertThat(client.listDeviceOsVersions(10)).extracting(DeviceOsVersion::version).contains("2.3.1");
        assertThat(client.ping(id)).isTrue();
        assertThat(client.lastDiagnostics(id)).isPresent();
    }

    @Test
    void unknownDeviceIsATypedNotFound() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.getDevice("0123456789abcdef01234567"))
            .isInstanceOf(ParticleNotFoundException.class)
            .hasMessageNotContaining(SIM.accessToken());
    }

}
