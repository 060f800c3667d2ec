package dev.fleetota.particlesim;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A 100,000-device fleet can be created and listed; memory and timings are printed for the benchmark notes. */
class LargeFleetTests {

    @Test
    void aHundredThousandDeviceFleetCanBeCreatedAndListed() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        try (ParticleSimulator sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(10)
                .rateLimits(new SimulatorSettings.RateLimits(Duration.ofMinutes(5), 1_000_000, 100, 100))
                .faultProbabilities(SimulatorSettings.FaultProbabilities.DEMO).build())) {
            sim.seedDemoFirmware();
            long started = System.nanoTime();
            sim.seedFleet(100_000);
            long seedMillis = (System.nanoTime() - started) / 1_000_000;
            SimClient client = new SimClient(sim);
            String list = "/v1/products/" + sim.productId() + "/devices?perPage=100&sortAttr=deviceId&page=";

            started = System.nanoTime();
            JsonNode first = client.getJson(list + 1);
            JsonNode last = client.getJson(list + 1000);
            JsonNode defaultSort = client.getJson("/v1/products/" + sim.productId() + "/devices?perPage=100&page=500");
            long listMillis = (System.nanoTime() - started) / 1_000_000;
            System.gc();
            long heapAfter = runtime.totalMemory() - runtime.freeMemory();

            assertThat(sim.deviceCount()).isEqualTo(100_000);
            assertThat(first.get("meta").get("total_pages").asInt()).isEqualTo(1000);
            assertThat(first.get("devices").size()).isEqualTo(100);
            assertThat(last.get("devices").size()).isEqualTo(100);
            assertThat(defaultSort.get("devices").size()).isEqualTo(100);
            assertThat(first.get("devices").get(0).get("id").asString())
                    .isLessThan(last.get("devices").get(99).get("id").asString());
            System.out.printf("[particle-sim benchmark] 100,000 devices seeded in %d ms; 3 list pages in %d ms; "
                    + "heap used after GC: %.1f MB (%.2f KB per device, baseline %.1f MB)%n", seedMillis, listMillis,
                    heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / 100_000, heapBefore / 1048576.0);
        }
    }

}
