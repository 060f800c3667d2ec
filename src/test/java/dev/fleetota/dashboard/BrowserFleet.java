package dev.fleetota.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.SimulatorSettings;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The accelerated, strict Particle Cloud simulator the browser tests run rollouts on (one per test JVM). Each test
 * adds its own devices and firmware versions, so tests never see each other's fleet.
 */
final class BrowserFleet {

    static final ParticleSimulator SIM = ParticleSimulator.start(SimulatorSettings.builder()
        .port(0)
        .seed(7)
        .timeScale(200)
        .strict(true)
        .faultProbabilities(SimulatorSettings.FaultProbabilities.NONE)
        .rateLimits(new SimulatorSettings.RateLimits(Duration.ofMinutes(5), 1_000_000, 1_000, 100))
        .keepAliveInterval(Duration.ofMillis(500))
        .requireRunBeforeRelease(false)
        .build());

    private static final AtomicInteger FIRMWARE_VERSIONS = new AtomicInteger(500);

    static {
        SIM.seedDemoFirmware();
        SIM.seedFleet(240); // a mixed fleet for the overview; no rollout of the tests includes these devices
    }

    private BrowserFleet() {
    }

    /** Points the service at the simulator, reads its event stream and lets the engine tick by itself. */
    static void register(DynamicPropertyRegistry registry) {
        registry.add("fleetota.particle.base-url", SIM::baseUrl);
        registry.add("fleetota.particle.access-token", SIM::accessToken);
        registry.add("fleetota.particle.product", () -> String.valueOf(SIM.productId()));
        registry.add("fleetota.events.stream.enabled", () -> "true");
        registry.add("fleetota.events.stream.keep-alive-timeout", () -> "PT5S");
        registry.add("fleetota.scheduling.enabled", () -> "true");
    }

    /** A new product firmware version that needs the given Device OS, known to the simulator. */
    static int newFirmware(String deviceOsVersion) {
        int version = FIRMWARE_VERSIONS.incrementAndGet();
        SIM.addFirmware(version, deviceOsVersion);
        return version;
    }

    static List<String> add(int count, DeviceSpec spec) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(SIM.addDevice(spec).id());
        }
        return ids;
    }

}
