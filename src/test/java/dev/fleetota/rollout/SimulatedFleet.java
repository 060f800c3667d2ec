package dev.fleetota.rollout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.SimulatorSettings;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One accelerated, strict Particle Cloud simulator per test JVM for the rollout scenarios. Every scenario adds its
 * own devices and firmware versions, so scenarios never see each other's fleet.
 */
final class SimulatedFleet {

    /** Realistic timings divided by this: a full Device OS upgrade with healing takes about a second. */
    static final double TIME_SCALE = 200;

    static final ParticleSimulator SIM = ParticleSimulator.start(settings(42)
        .rateLimits(new SimulatorSettings.RateLimits(Duration.ofMinutes(5), 1_000_000, 1_000, 100))
        .build());

    private static final AtomicInteger FIRMWARE_VERSIONS = new AtomicInteger(100);

    private SimulatedFleet() {
    }

    /** The scenario tests' simulator: free port, {@link #TIME_SCALE}, strict, no random faults, 0.5 s keep-alives. */
    static SimulatorSettings.Builder settings(long seed) {
        return SimulatorSettings.builder()
            .port(0)
            .seed(seed)
            .timeScale(TIME_SCALE)
            .strict(true)
            .faultProbabilities(SimulatorSettings.FaultProbabilities.NONE)
            .keepAliveInterval(Duration.ofMillis(500))
            .requireRunBeforeRelease(false);
    }

    static void register(DynamicPropertyRegistry registry) {
        register(registry, SIM);
    }

    /** Points the service's Particle client and event stream at {@code sim}. */
    static void register(DynamicPropertyRegistry registry, ParticleSimulator sim) {
        registry.add("fleetota.particle.base-url", sim::baseUrl);
        registry.add("fleetota.particle.access-token", sim::accessToken);
        registry.add("fleetota.particle.product", () -> String.valueOf(sim.productId()));
        registry.add("fleetota.events.stream.enabled", () -> "true");
        registry.add("fleetota.events.stream.keep-alive-timeout", () -> "PT5S");
    }

    /** A new product firmware version that needs the given Device OS, known to the simulator. */
    static int newFirmware(String deviceOsVersion) {
        int version = FIRMWARE_VERSIONS.incrementAndGet();
        SIM.addFirmware(version, deviceOsVersion);
        return version;
    }

    static int flashCount(String deviceId) {
        return SIM.flashCommands(deviceId).size();
    }

    static int totalFlashes(List<String> deviceIds) {
        return totalFlashes(SIM, deviceIds);
    }

    static int totalFlashes(ParticleSimulator sim, List<String> deviceIds) {
        return deviceIds.stream().mapToInt(id -> sim.flashCommands(id).size()).sum();
    }

}
