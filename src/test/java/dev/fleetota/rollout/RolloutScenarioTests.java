package dev.fleetota.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.IntegrationTest;
import dev.fleetota.events.EventStreamConnected;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.Fault;
import dev.fleetota.particlesim.Platform;
import dev.fleetota.particlesim.SimKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fleetota.rollout.SimulatedFleet.SIM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 scenarios against the in-process simulator (accelerated time), each checking the API's view and the
 * simulator's ground truth. Events reach the service over the real product SSE stream.
 */
@IntegrationTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class RolloutScenarioTests {

    static final String FAST = """
            {"batches": {"canarySize": %d, "batchSize": %d, "growthFactor": %s, "maxBatchSize": %d,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "%s", "verifyPeriod": "PT0.3S", "flashStartTimeout": "PT20S",
                        "flashTimeout": "PT30S", "onlineAfterResetTimeout": "PT30S", "safeModeMaxDuration": "PT60S"},
             "risk": {"includeHighRisk": %s, "highRiskBatchSize": %d}}
            """;

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        SimulatedFleet.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    ScenarioDriver driver;

    @BeforeEach
    void driver() {
        driver = new ScenarioDriver(context, mvc);
    }

    /** Explicit ANALYZEs of device_update so far (autovacuum's are counted apart). */
    private long analyzeCount() {
        return jdbc.queryForObject("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'device_update'",
                Long.class);
    }

    /** PostgreSQL 14's statistics collector reports asynchronously: waits up to 10 s for one more ANALYZE. */
    private boolean analyzedSince(long count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            jdbc.execute("SELECT pg_stat_clear_snapshot()");
            if (analyzeCount() > count) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<String> borons(int n, String deviceOs, int firmware) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(SIM.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs(deviceOs).withFirmware(firmware)).id());
        }
        return ids;
    }

    private static String policy(int canary, int batch, double growth, int max, String silence, boolean risky,
            int riskyBatch) {
        return FAST.formatted(canary, batch, growth, max, silence, risky, riskyBatch);
    }

    private long rolloutFor(String name, List<String> devices, String deviceOs, List<Integer> platforms,
            String policy) throws Exception {
        int version = SimulatedFleet.newFirmware(deviceOs);
        driver.syncDevices();
        long firmwareId = driver.registerFirmware(version, deviceOs, platforms);
        long cohortId = driver.createCohort(name, devices);
        return driver.createRollout(name, firmwareId, cohortId, policy);
    }

    @Test
    void twoHundredDevicesInFiveBatchesCompleteWithOneFlashEach() throws Exception {
        int old = SimulatedFleet.newFirmware("4.0.2");
        List<String> devices = borons(200, "4.0.2", old);
        long id = rolloutFor("two-hundred", devices, "4.2.0", List.of(13), policy(5, 20, 2.0, 80, "PT5S", false, 1));
        long analyzed = analyzeCount();

        driver.action(id, "start");
        assertThat(analyzedSince(analyzed)).as("the start refreshed device_update's statistics for its new rows")
            .isTrue();
        driver.driveUntil(Duration.ofSeconds(120), () -> driver.statusIs(id, "COMPLETED"));

        Map<String, Integer> counts = driver.counts(id);
        assertThat(counts.get("SUCCEEDED")).as(driver.describe(id)).isEqualTo(200);
        assertThat((Integer) JsonPath.read(driver.rollout(id), "$.totalBatches")).isEqualTo(5);
        assertThat(devices).allSatisfy(d -> {
            assertThat(SimulatedFleet.flashCount(d)).as("flash commands to " + d).isEqualTo(1);
            assertThat(SIM.device(d).systemFirmwareVersion()).isEqualTo("4.2.0");
        });
    }

    @Test
    void thirdPartySimElectronLosingPowerInSafeModeHaltsTheCanary() throws Exception {
        int old = SimulatedFleet.newFirmware("2.3.1");
        List<String> electrons = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            electrons.add(SIM.addDevice(DeviceSpec.of(Platform.ELECTRON).withSim(SimKind.THIRD_PARTY)
                .withDeviceOs("2.3.1").withFirmware(old)).id());
        }
        long id = rolloutFor("electrons", electrons, "3.3.1", List.of(10), policy(3, 3, 1.0, 3, "PT12S", true, 2));
        List<String> canary = JsonPath.read(driver.planJson(id), "$.batches[0].deviceIds");
        String doomed = canary.get(0);
        SIM.setFault(doomed, Fault.NONE.withPowerLossInSafeMode(null));

        driver.action(id, "start");
        driver.driveUntil(Duration.ofSeconds(120), () -> driver.statusIs(id, "HALTED") || driver.describeQuietly(id));

        String view = driver.rollout(id);
        assertThat((String) JsonPath.read(view, "$.haltReason.rule")).isEqualTo("SILENT_IN_SAFE_MODE");
        assertThat((List<String>) JsonPath.read(view, "$.haltReason.deviceIds")).containsExactly(doomed);
        assertThat(SIM.device(doomed).bricked()).isTrue();
        driver.driveFor(Duration.ofSeconds(2));
        assertThat(electrons.stream().filter(d -> !canary.contains(d)))
            .allSatisfy(d -> assertThat(SimulatedFleet.flashCount(d)).as("flashes to " + d).isZero());
    }

    /**
     * bench/chaos "drops": the stream missed the device's safe-mode event (it is down), and reconnects every second
     * after that, each followed by a device-list sync. The list shows the device in safe mode, and once a sync has
     * read the list after a reconnect its silence counts from its last hearing again: the halt comes on time.
     */
    @Test
    void deviceSilentInSafeModeHaltsOnTimeThoughTheStreamMissedItAndReconnectsEverySecond() throws Exception {
        int old = SimulatedFleet.newFirmware("4.0.2");
        List<String> devices = borons(1, "4.0.2", old);
        String doomed = devices.get(0);
        SIM.setFault(doomed, Fault.NONE.withHealerStuck());
        long id = rolloutFor("deaf", devices, "4.2.0", List.of(13), policy(1, 1, 1.0, 1, "PT4S", false, 1));
        SmartLifecycle stream = context.getBean("productEventStream", SmartLifecycle.class);
        stream.stop();
        try {
            driver.action(id, "start");
            driver.driveUntil(Duration.ofSeconds(10), () -> "safe_mode".equals(SIM.device(doomed).status()));
            long started = System.nanoTime();
            long[] lastReconnect = { 0 };
            driver.driveUntil(Duration.ofSeconds(20), () -> {
                if (System.nanoTime() - lastReconnect[0] > 1_000_000_000L) {
                    lastReconnect[0] = System.nanoTime();
                    context.publishEvent(new EventStreamConnected(Instant.now(), true));
                    syncQuietly();
                }
                return driver.statusIs(id, "HALTED") || driver.describeQuietly(id);
            });
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            String view = driver.rollout(id);
            assertThat((String) JsonPath.read(view, "$.haltReason.rule")).isEqualTo("SILENT_IN_SAFE_MODE");
            assertThat((List<String>) JsonPath.read(view, "$.haltReason.deviceIds")).containsExactly(doomed);
            assertThat(driver.deviceTimeline(id, doomed)).endsWith("REQUESTED,SAFE_MODE,SILENT_IN_SAFE_MODE");
            assertThat(tookMillis).as("halt after the device went silent").isLessThan(9_000);
        }
        finally {
            stream.start();
        }
    }

    private void syncQuietly() {
        try {
            driver.syncDevices();
        }
        catch (dev.fleetota.common.ConflictException busy) {
            // the debounced reconnect sync of DeviceSyncJob is running: it records the same
        }
    }

    @Test
    void flashFailuresAboveTheThresholdHaltTheRollout() throws Exception {
        int old = SimulatedFleet.newFirmware("4.2.0");
        List<String> devices = borons(45, "4.2.0", old);
        long id = rolloutFor("flash-failures", devices, "4.2.0", List.of(13), policy(5, 20, 1.0, 20, "PT5S", false, 1));
        List<String> second = JsonPath.read(driver.planJson(id), "$.batches[1].deviceIds");
        List<String> third = JsonPath.read(driver.planJson(id), "$.batches[2].deviceIds");
        SIM.setFault(second.get(3), Fault.NONE.withFlashFails());
        SIM.setFault(second.get(7), Fault.NONE.withFlashFails());

        driver.action(id, "start");
        driver.driveUntil(Duration.ofSeconds(60), () -> driver.statusIs(id, "HALTED") || driver.describeQuietly(id));

        String view = driver.rollout(id);
        assertThat((String) JsonPath.read(view, "$.haltReason.rule")).isEqualTo("FAILURE_THRESHOLD");
        assertThat((List<String>) JsonPath.read(view, "$.haltReason.deviceIds"))
            .containsExactlyInAnyOrder(second.get(3), second.get(7));
        driver.driveFor(Duration.ofSeconds(1));
        assertThat(SimulatedFleet.totalFlashes(third)).isZero();
    }

    @Test
    void progressStreamStartsWithTheRolloutSummary() throws Exception {
        int old = SimulatedFleet.newFirmware("4.2.0");
        List<String> devices = borons(1, "4.2.0", old);
        long id = rolloutFor("stream", devices, "4.2.0", List.of(13), policy(1, 1, 1.0, 1, "PT5S", false, 1));

        var result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .get("/api/v1/rollouts/" + id + "/events")
            .header("Authorization", dev.fleetota.TestTokens.bearer(context, dev.fleetota.security.Role.VIEWER)))
            .andReturn();

        assertThat(result.getRequest().isAsyncStarted()).isTrue();
        assertThat(result.getResponse().getContentAsString()).startsWith("event:rollout")
            .contains("\"status\":\"DRAFT\"");
        context.getBean(RolloutProgressStream.class).stop();
    }

    @Test
    void deviceBackOnTheOldVersionEndsWrongVersionWhileOneWithEnoughDeviceOsSucceedsWithoutSafeMode()
            throws Exception {
        int old = SimulatedFleet.newFirmware("4.2.0");
        List<String> devices = borons(2, "4.2.0", old);
        SIM.setFault(devices.get(1), Fault.NONE.withComesBackOld());
        long id = rolloutFor("versions", devices, "4.2.0", List.of(13), policy(2, 1, 1.0, 1, "PT5S", false, 1));

        driver.action(id, "start");
        driver.driveUntil(Duration.ofSeconds(60), () -> driver.finished(id) == 2 || driver.describeQuietly(id));

        Map<String, Integer> counts = driver.counts(id);
        assertThat(counts.get("SUCCEEDED")).as(driver.describe(id)).isEqualTo(1);
        assertThat(counts.get("WRONG_VERSION")).isEqualTo(1);
        assertThat(driver.deviceTimeline(id, devices.get(0))).doesNotContain("SAFE_MODE").contains("SUCCEEDED");
        assertThat(driver.deviceState(id, devices.get(1))).isEqualTo("WRONG_VERSION");
    }

}
