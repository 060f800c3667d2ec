package dev.fleetota.particlesim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Same seed, same commands → same fleet, same failures, same events per device and planned durations. */
class ReproducibilityTests {

    private static final SimulatorSettings.FaultProbabilities FAULTS =
            new SimulatorSettings.FaultProbabilities(0.1, 0.05, 0.2, 0, 0.05, 0.1, 0, 0.2);

    @Test
    void sameSeedProducesTheSameTimeline() {
        Map<String, List<String>> first = run(7);
        Map<String, List<String>> second = run(7);

        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void anotherSeedProducesAnotherFleet() {
        try (ParticleSimulator a = start(7); ParticleSimulator b = start(8)) {
            assertThat(a.seedFleet(5)).isNotEqualTo(b.seedFleet(5));
        }
    }

    private static ParticleSimulator start(long seed) {
        return ParticleSimulator.start(SimulatorSettings.builder().seed(seed).timeScale(500)
                .faultProbabilities(FAULTS).cellularOfflineLag(Duration.ofMinutes(5)).build());
    }

    /** Seeds 40 devices, locks every online one to v3 with flash, waits until the fleet is quiet. */
    private static Map<String, List<String>> run(long seed) {
        try (ParticleSimulator sim = start(seed)) {
            sim.seedDemoFirmware();
            List<String> ids = sim.seedFleet(40);
            SimClient client = new SimClient(sim);
            for (String id : ids) {
                client.putJson("/v1/products/" + sim.productId() + "/devices/" + id,
                        "{\"desired_firmware_version\":3,\"flash\":true}");
            }
            awaitQuiet(sim);
            Map<String, List<String>> timelines = new LinkedHashMap<>();
            for (String id : ids) {
                // sorted: each entry carries its planned delay, so the same seed must give the same entries; the
                // order in which two independent timers fired (e.g. updates/pending at +1 s and the vitals at +10 s
                // of their own anchors, 2 and 21 real ms at time scale 500) is the machine's scheduling, not the seed
                timelines.put(id + " " + sim.device(id).fault(), sim.timeline(id).stream()
                        .map(e -> e.name() + "=" + comparable(e.name(), e.data()) + "@" + e.version() + "+"
                                + e.stepDelayMillis())
                        .sorted().toList());
            }
            return timelines;
        }
    }

    /**
     * The data, except a vitals payload's, which is drawn per simulated minute ({@code Vitals}): at time scale 500 a
     * few real milliseconds of scheduling jitter move an event into another minute, so only its presence counts.
     */
    private static String comparable(String name, String data) {
        return "spark/device/diagnostics/update".equals(name) ? "(vitals)" : data;
    }

    private static void awaitQuiet(ParticleSimulator sim) {
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1500)).until(() -> {
            long now = sim.stats().eventsPublished();
            boolean quiet = now == last[0] && sim.devices().stream()
                    .allMatch(d -> d.phase().equals("RUNNING") || d.phase().equals("SAFE_MODE"));
            last[0] = now;
            return quiet;
        });
    }

}
