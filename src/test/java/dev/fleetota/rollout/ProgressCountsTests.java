package dev.fleetota.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fleetota.IntegrationTest;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.Platform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.fleetota.rollout.SimulatedFleet.SIM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What GET /rollouts/{id} reads: per-state counts (cached, recounted in the background, never older than a change of
 * the rollout) and the rest of the view, kept per rollout version.
 */
@IntegrationTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
class ProgressCountsTests {

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        SimulatedFleet.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    @Autowired
    ProgressCounts progress;

    @Autowired
    JdbcTemplate jdbc;

    /** The stream's reconnect sync may be running: wait for it rather than fail with 409. */
    private static void syncWhenFree(ScenarioDriver driver) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                driver.syncDevices();
                return;
            }
            catch (dev.fleetota.common.ConflictException ex) {
                if (attempt > 100) {
                    throw ex;
                }
                Thread.sleep(200);
            }
        }
    }

    @Autowired
    CurrentViews views;

    @Autowired
    RolloutRepository rollouts;

    @Autowired
    PlatformTransactionManager transactions;

    /** A started rollout of three devices (the test ticks nothing: they stay PENDING). */
    private long startedRollout(ScenarioDriver driver, String name, List<String> devices) throws Exception {
        int old = SimulatedFleet.newFirmware("4.0.2");
        for (int i = 0; i < 3; i++) {
            devices.add(SIM.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(old)).id());
        }
        syncWhenFree(driver);
        long firmware = driver.registerFirmware(SimulatedFleet.newFirmware("4.2.0"), "4.2.0", List.of(13));
        long id = driver.createRollout(name, firmware, driver.createCohort(name, devices),
                RolloutScenarioTests.FAST.formatted(1, 2, "2.0", 2, "PT5S", false, 1));
        driver.action(id, "start"); // freezes the plan: one PENDING device update per device
        return id;
    }

    @Test
    void staleCountsAreAnsweredAtOnceAndRecountedInTheBackgroundButARolloutChangeRecountsImmediately()
            throws Exception {
        List<String> devices = new ArrayList<>();
        long id = startedRollout(new ScenarioDriver(context, mvc), "counts", devices);
        long version = jdbc.queryForObject("SELECT version FROM rollout WHERE id = ?", Long.class, id);
        assertThat(progress.of(id, version)).containsEntry(DeviceUpdateState.PENDING, 3);

        jdbc.update("UPDATE device_update SET state = 'SKIPPED' WHERE rollout_id = ? AND device_id = ?", id,
                devices.get(0));
        assertThat(progress.of(id, version)).as("within a second: cached")
            .containsEntry(DeviceUpdateState.PENDING, 3);
        Thread.sleep(1100);
        assertThat(progress.of(id, version)).as("expired: answered as it was, recounted in the background")
            .containsEntry(DeviceUpdateState.PENDING, 3);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<DeviceUpdateState, Integer> counts = progress.of(id, version);
        while (counts.get(DeviceUpdateState.SKIPPED) == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
            counts = progress.of(id, version);
        }
        assertThat(counts).containsEntry(DeviceUpdateState.SKIPPED, 1).containsEntry(DeviceUpdateState.PENDING, 2);

        jdbc.update("UPDATE device_update SET state = 'SKIPPED' WHERE rollout_id = ? AND device_id = ?", id,
                devices.get(1));
        assertThat(progress.of(id, version + 1)).as("the rollout changed: counted now")
            .containsEntry(DeviceUpdateState.SKIPPED, 2).containsEntry(DeviceUpdateState.PENDING, 1);
    }

    @Test
    void aChangeByThisInstanceIsShownAtOnceAndOneByAnotherInstanceSoonAfter() throws Exception {
        ScenarioDriver driver = new ScenarioDriver(context, mvc);
        long id = startedRollout(driver, "views", new ArrayList<>());
        assertThat(driver.status(id)).isEqualTo("RUNNING");

        driver.action(id, "pause"); // committed by this instance: drops its known version
        assertThat(driver.status(id)).isEqualTo("PAUSED");
        // another instance resumes it: through JPA, which raises the version
        jdbc.update("UPDATE rollout SET status = 'RUNNING', version = version + 1 WHERE id = ?", id);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String status = driver.status(id);
        while (!"RUNNING".equals(status) && System.nanoTime() < end) {
            Thread.sleep(20);
            status = driver.status(id);
        }
        assertThat(status).isEqualTo("RUNNING");
        assertThat(driver.getJson("/api/v1/rollouts/" + id)).contains("\"maxFailuresPerBatch\"");
    }

    @Test
    void aViewReadInAWriteTransactionIsNotKeptForItMayRollBackAndItsVersionBeReused() throws Exception {
        ScenarioDriver driver = new ScenarioDriver(context, mvc);
        long id = startedRollout(driver, "rollback", new ArrayList<>());
        long[] version = new long[1];
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            Rollout rollout = rollouts.lockForAction(id).orElseThrow();
            rollout.pause(Instant.now());
            rollouts.saveAndFlush(rollout);
            version[0] = rollout.getVersion();
            context.getBean(RolloutQueries.class).get(id); // as an operator action answers, before it commits
            tx.setRollbackOnly();
        });
        assertThat(views.of(id, version[0])).isEmpty();

        driver.action(id, "cancel"); // commits another change as the same version
        assertThat(driver.status(id)).isEqualTo("CANCELLED");
    }

}
