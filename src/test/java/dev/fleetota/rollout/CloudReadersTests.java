package dev.fleetota.rollout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.fleetota.IntegrationTest;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.GlobalFaults;
import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's cloud reads across instances (preflight before a device starts, verification at the end of its
 * verify period): one reader at a time, nothing left behind by a reader that died mid-read (an instance killed while
 * reading must not hold those devices), a failed read tried again 30 s later, not on every run.
 */
@IntegrationTest
class CloudReadersTests {

    static final ParticleSimulator SIM = ParticleSimulator.start(SimulatedFleet.settings(11).build());

    private static final AtomicInteger FIRMWARE = new AtomicInteger(1);

    @DynamicPropertySource
    static void simulator(DynamicPropertyRegistry registry) {
        SimulatedFleet.register(registry, SIM);
        registry.add("fleetota.particle.max-retries", () -> "0");
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PreflightRefresher preflight;

    @Autowired
    VerificationReader verifier;

    @AfterEach
    void clearFaults() {
        SIM.globalFaults(GlobalFaults.NONE);
    }

    @Test
    void devicesAReaderThatDiedWasReadingAreReadAtTheNextTick() throws Exception {
        long id = startedRollout("died-mid-read", 4);
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + PreflightRefresher.LOCK_NAMESPACE + ", 0)"); // reading now

            assertThat(preflight.refreshDue()).as("another instance is reading").isZero();
            assertThat(readCount(id)).isZero();
            endSession(st); // kill -9: PostgreSQL releases the lock; no claim was left on the rows
        }

        assertThat(preflight.refreshDue()).isEqualTo(4);
        assertThat(readCount(id)).isEqualTo(4);
    }

    @Test
    void aFailedReadIsTriedAgainAfterThirtySecondsNotOnEveryTick() throws Exception {
        long id = startedRollout("failed-read", 3);
        SIM.globalFaults(new GlobalFaults(0, 0, 503, Map.of("getDevice", new GlobalFaults.RouteFaults(0, 1)), null));
        long before = SIM.stats().requestsByRoute().getOrDefault("getDevice", 0L);

        assertThat(preflight.refreshDue()).isZero();
        long failedReads = SIM.stats().requestsByRoute().getOrDefault("getDevice", 0L) - before;
        SIM.globalFaults(GlobalFaults.NONE);
        assertThat(failedReads).isEqualTo(3);
        assertThat(preflight.refreshDue()).as("the next tick, the cloud answering again").isZero();

        jdbc.update("UPDATE device_update SET preflight_failed_at = preflight_failed_at - interval '31 seconds' "
                + "WHERE rollout_id = ?", id);
        assertThat(preflight.refreshDue()).isEqualTo(3);
        assertThat(readCount(id)).isEqualTo(3);
    }

    @Test
    void devicesAVerifierThatDiedWasReadingAreReadAtTheNextRun() throws Exception {
        long id = startedRollout("verifier-died", 3);
        verifyingSinceAMinute(id);
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + VerificationReader.LOCK_NAMESPACE + ", 0)"); // reading now

            verifier.verifyDue();
            assertThat(verifying(id)).as("another instance is reading").isEqualTo(3);
            endSession(st); // kill -9: the lock goes with it, and no deadline was pushed out
        }

        verifier.verifyDue();
        assertThat(verifying(id)).isZero(); // the devices never flashed: WRONG_VERSION, but read and decided
    }

    @Test
    void aFailedVerificationReadIsTriedAgainAfterThirtySecondsNotOnEveryRun() throws Exception {
        long id = startedRollout("verify-failed", 2);
        verifyingSinceAMinute(id);
        SIM.globalFaults(new GlobalFaults(0, 0, 503, Map.of("getDevice", new GlobalFaults.RouteFaults(0, 1)), null));
        long before = SIM.stats().requestsByRoute().getOrDefault("getDevice", 0L);

        verifier.verifyDue();
        long failedReads = SIM.stats().requestsByRoute().getOrDefault("getDevice", 0L) - before;
        SIM.globalFaults(GlobalFaults.NONE);
        verifier.verifyDue();

        assertThat(failedReads).isEqualTo(2);
        assertThat(verifying(id)).as("not read again on the next run").isEqualTo(2);
        jdbc.update("UPDATE device_update SET deadline_at = deadline_at - interval '31 seconds' WHERE rollout_id = ?",
                id);
        verifier.verifyDue();
        assertThat(verifying(id)).isZero();
    }

    @Test
    void aVerdictThatCannotBeRecordedIsTriedAgainLaterWhileTheRestOfItsChunkIsRecorded() throws Exception {
        long id = startedRollout("verify-unrecordable", 3);
        verifyingSinceAMinute(id);
        long victim = jdbc.queryForObject("SELECT min(id) FROM device_update WHERE rollout_id = ?", Long.class, id);
        jdbc.execute("""
                CREATE FUNCTION refuse_transition() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.device_update_id = %d THEN RAISE EXCEPTION 'refused by the test'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_transition BEFORE INSERT ON device_update_transition
                    FOR EACH ROW EXECUTE FUNCTION refuse_transition();
                """.formatted(victim));
        try {
            verifier.verifyDue();
        }
        finally {
            jdbc.execute("DROP TRIGGER refuse_transition ON device_update_transition; DROP FUNCTION refuse_transition()");
        }

        assertThat(jdbc.queryForList("SELECT id FROM device_update WHERE rollout_id = ? AND state = 'VERIFYING'",
                Long.class, id)).as("only the one that could not be recorded").containsExactly(victim);
        assertThat(jdbc.queryForObject("SELECT deadline_at > now() + interval '25 seconds' FROM device_update "
                + "WHERE id = ?", Boolean.class, victim)).as("tried again in 30 s, not on every run").isTrue();
    }

    /**
     * Ends the statement's database session, as when the instance holding it is killed. Closing a pooled connection
     * would not: it goes back to the pool with its session, and its advisory locks, still alive.
     */
    private static void endSession(Statement st) {
        try {
            st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        }
        catch (SQLException expected) {
            // the session ended under the statement
        }
    }

    /** Puts the rollout's device updates in VERIFYING with their verify period over (as after their restart). */
    private void verifyingSinceAMinute(long rolloutId) {
        jdbc.update("""
                UPDATE device_update SET state = 'VERIFYING', requested_at = now() - interval '2 minutes',
                    verify_until = now() - interval '1 minute', deadline_at = now() - interval '1 minute'
                WHERE rollout_id = ?
                """, rolloutId);
    }

    private int verifying(long rolloutId) {
        return jdbc.queryForObject("SELECT count(*) FROM device_update WHERE rollout_id = ? AND state = 'VERIFYING'",
                Integer.class, rolloutId);
    }

    private int readCount(long rolloutId) {
        return jdbc.queryForObject("SELECT count(*) FROM device_update WHERE rollout_id = ? "
                + "AND preflight_read_at IS NOT NULL", Integer.class, rolloutId);
    }

    /** A running rollout whose first batch holds all {@code n} new devices, none read yet. */
    private long startedRollout(String name, int n) throws Exception {
        ScenarioDriver driver = new ScenarioDriver(context, mvc, SIM);
        int old = FIRMWARE.incrementAndGet();
        int target = FIRMWARE.incrementAndGet();
        SIM.addFirmware(old, "4.0.2");
        SIM.addFirmware(target, "4.2.0");
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(SIM.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withFirmware(old)).id());
        }
        driver.syncDevices();
        long firmware = driver.registerFirmware(target, "4.2.0", List.of(13));
        String policy = """
                {"batches": {"canarySize": %d, "batchSize": 10, "soak": "PT0S", "approvalAfterCanary": false}}
                """.formatted(n);
        long id = driver.createRollout(name, firmware, driver.createCohort(name, devices), policy);
        driver.action(id, "start");
        assertThat(readCount(id)).isZero();
        return id;
    }

}
