package dev.fleetota.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.Platform;

import static dev.fleetota.rollout.SimulatedFleet.SIM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety and several instances (issue 4 §5): whole application instances with their own scheduler and
 * dispatcher threads share one PostgreSQL and drive the simulator; the simulator's ground truth says how many
 * lock+flash commands each device received.
 */
class RestartAndInstancesScenarioTests {

    private static final String POLICY = """
            {"batches": {"canarySize": 5, "batchSize": 15, "growthFactor": 1.0, "soak": "PT0S",
                         "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "PT15S", "verifyPeriod": "PT0.5S"}}
            """;

    private static EmbeddedPostgres postgres;

    private static int databases;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static String freshDatabase() throws Exception {
        String name = "instances_" + (++databases);
        try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    private static List<String> borons(int n) {
        int old = SimulatedFleet.newFirmware("4.0.2");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(SIM.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(old)).id());
        }
        return ids;
    }

    private static long createRollout(AppInstance app, List<String> devices) throws Exception {
        int version = SimulatedFleet.newFirmware("4.2.0");
        app.syncDevices();
        long firmware = ((Number) JsonPath.read(app.post("/api/v1/firmware", """
                {"productId": %d, "version": %d, "deviceOsVersion": "4.2.0", "platformIds": [13], "title": "t"}
                """.formatted(SIM.productId(), version)), "$.id")).longValue();
        String ids = devices.stream().map(d -> "\"" + d + "\"").toList().toString();
        long cohort = ((Number) JsonPath.read(app.post("/api/v1/cohorts",
                "{\"name\": \"c" + version + "\", \"deviceIds\": " + ids + "}"), "$.id")).longValue();
        return ((Number) JsonPath.read(app.post("/api/v1/rollouts", "{\"name\": \"r" + version
                + "\", \"firmwareId\": " + firmware + ", \"cohortIds\": [" + cohort + "], \"policy\": " + POLICY + "}"),
                "$.id")).longValue();
    }

    @Test
    void restartingTheApplicationMidBatchResumesWithoutASecondFlash() throws Exception {
        String db = freshDatabase();
        List<String> devices = borons(50);
        long id;
        try (AppInstance first = AppInstance.start(db, "first")) {
            id = createRollout(first, devices);
            first.post("/api/v1/rollouts/" + id + "/start", "");
            await().atMost(60, TimeUnit.SECONDS).until(() -> SimulatedFleet.totalFlashes(devices) >= 12);
        }
        int flashedBeforeRestart = SimulatedFleet.totalFlashes(devices);

        try (AppInstance second = AppInstance.start(db, "second")) {
            await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300))
                .until(() -> "COMPLETED".equals(second.status(id)) || "HALTED".equals(second.status(id)));

            assertThat(second.status(id)).as(second.get("/api/v1/rollouts/" + id)).isEqualTo("COMPLETED");
            assertThat(second.count(id, "SUCCEEDED")).isEqualTo(50);
        }
        assertThat(flashedBeforeRestart).isBetween(12, 49);
        assertThat(devices).allSatisfy(d -> assertThat(SimulatedFleet.flashCount(d)).as(d).isEqualTo(1));
    }

    @Test
    void twoInstancesOnOneDatabaseNeverBothFlashADevice() throws Exception {
        String db = freshDatabase();
        List<String> devices = borons(60);
        try (AppInstance a = AppInstance.start(db, "a"); AppInstance b = AppInstance.start(db, "b")) {
            long id = createRollout(a, devices);
            b.post("/api/v1/rollouts/" + id + "/start", "");

            await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300))
                .until(() -> "COMPLETED".equals(a.status(id)) || "HALTED".equals(a.status(id)));

            assertThat(b.status(id)).isEqualTo("COMPLETED");
            assertThat(a.count(id, "SUCCEEDED")).isEqualTo(60);
        }
        assertThat(devices).allSatisfy(d -> assertThat(SimulatedFleet.flashCount(d)).as(d).isEqualTo(1));
    }

}
