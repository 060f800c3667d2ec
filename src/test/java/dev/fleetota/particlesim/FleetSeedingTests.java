package dev.fleetota.particlesim;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeded demo fleet is mixed: platforms, SIMs, sites, Device OS per generation, a few offline and faulty. */
class FleetSeedingTests {

    private ParticleSimulator sim;
    private List<DeviceSnapshot> fleet;

    @BeforeEach
    void seed() {
        sim = ParticleSimulator.start(SimulatorSettings.builder()
                .faultProbabilities(SimulatorSettings.FaultProbabilities.DEMO).build());
        sim.seedDemoFirmware();
        sim.seedFleet(2_000);
        fleet = sim.devices();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void platformsAreMixed() {
        Map<Platform, Long> byPlatform = count(DeviceSnapshot::platform);

        assertThat(byPlatform).containsKeys(Platform.BORON, Platform.B_SOM, Platform.TRACKER, Platform.PHOTON,
                Platform.ELECTRON, Platform.P2);
        assertThat(byPlatform.values()).allSatisfy(n -> assertThat(n).isLessThan(600));
    }

    @Test
    void someElectronsCarryAThirdPartySimAndSomeDevicesAreOffline() {
        long riskyElectrons = fleet.stream()
                .filter(d -> d.platform() == Platform.ELECTRON && d.simKind() == SimKind.THIRD_PARTY).count();
        long offline = fleet.stream().filter(d -> !d.online()).count();

        assertThat(riskyElectrons).isBetween(20L, 120L);
        assertThat(offline).isBetween(20L, 150L);
        assertThat(count(DeviceSnapshot::timeZone)).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void deviceOsMatchesThePlatformGeneration() {
        assertThat(fleet).allSatisfy(d -> {
            int major = Integer.parseInt(d.systemFirmwareVersion().split("\\.")[0]);
            switch (d.platform().generation()) {
                case 2 -> assertThat(major).isLessThanOrEqualTo(3);
                case 3 -> assertThat(major).isBetween(4, 6);
                default -> assertThat(major).isBetween(5, 6);
            }
        });
    }

    @Test
    void aFewDevicesGetFailureBehaviours() {
        long faulty = fleet.stream().filter(d -> !d.fault().isNone()).count();

        assertThat(faulty).isBetween(100L, 500L);
    }

    private <K> Map<K, Long> count(Function<DeviceSnapshot, K> key) {
        return fleet.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

}
