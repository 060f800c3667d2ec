package dev.fleetota.device;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.fleetota.IntegrationTest;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.SemVer;
import dev.fleetota.device.DeviceSyncService.SyncReport;
import dev.fleetota.events.EventStreamConnected;
import dev.fleetota.particle.ParticleApiException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fleetota.device.FakeProductDevices.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class DeviceSyncServiceTests {

    private static final FakeProductDevices PRODUCT = new FakeProductDevices();

    private static final MockWebServer SERVER = startedServer();

    private static final String A = "b0b0b0b0b0b0b0b0b0000001";

    private static final String B = "b0b0b0b0b0b0b0b0b0000002";

    private static final String C = "b0b0b0b0b0b0b0b0b0000003";

    @Autowired
    DeviceSyncService sync;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher publisher;

    @DynamicPropertySource
    static void particleIsTheMockServer(DynamicPropertyRegistry registry) {
        registry.add("fleetota.particle.base-url", () -> SERVER.url("/").toString());
        registry.add("fleetota.particle.access-token", () -> "sync-test-token");
        registry.add("fleetota.particle.product", () -> "30301");
        registry.add("fleetota.particle.max-retries", () -> "1");
        registry.add("fleetota.particle.backoff-base", () -> "PT0.001S");
        registry.add("fleetota.sync.reconnect-debounce", () -> "PT0.05S");
        registry.add("fleetota.sync.batch-size", () -> "2");
    }

    private static MockWebServer startedServer() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(PRODUCT);
        try {
            server.start();
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
        return server;
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @BeforeEach
    void emptyFleet() {
        jdbc.update("DELETE FROM lease");
        jdbc.update("DELETE FROM device");
        PRODUCT.devices.clear();
        PRODUCT.failWith = 0;
    }

    @Test
    void theFirstSyncCreatesEveryListedDevice() {
        PRODUCT.devices.add(device(A, "\"iccid\":\"8934076500000000001\",\"imei\":\"352753090000017\""));
        PRODUCT.devices.add(device(B, "\"iccid\":\"8944500000000000001\""));
        PRODUCT.devices.add(device(C, "\"status\":\"safe_mode\""));

        SyncReport report = sync.sync();

        assertThat(report.created()).isEqualTo(3);
        assertThat(report.updated()).isZero();
        assertThat(report.total()).isEqualTo(3);
        assertThat(row(A)).containsEntry("sim_kind", "PARTICLE")
            .containsEntry("cellular", true)
            .containsEntry("device_os_version", "4.0.2")
            .containsEntry("device_os_rank", SemVer.parse("4.0.2").rank())
            .containsEntry("firmware_version", 3)
            .containsEntry("platform_id", 13);
        assertThat(row(B)).containsEntry("sim_kind", "THIRD_PARTY");
        assertThat(row(C)).containsEntry("sim_kind", "NONE").containsEntry("safe_mode", true);
    }

    @Test
    void aSecondSyncCountsChangedAndUnchangedDevices() {
        PRODUCT.devices.add(device(A, ""));
        PRODUCT.devices.add(device(B, ""));
        sync.sync();
        PRODUCT.devices.set(1, device(B, "\"desired_firmware_version\":4,\"system_firmware_version\":\"4.2.0\""));

        SyncReport report = sync.sync();

        assertThat(report).extracting(SyncReport::created, SyncReport::updated, SyncReport::unchanged)
            .containsExactly(0, 1, 1);
        assertThat(row(B)).containsEntry("desired_firmware_version", 4).containsEntry("device_os_version", "4.2.0");
    }

    @Test
    void aDeviceThatLeftTheProductIsMarkedRemovedAndUnmarkedWhenItReturns() {
        PRODUCT.devices.add(device(A, ""));
        PRODUCT.devices.add(device(B, ""));
        sync.sync();
        PRODUCT.devices.remove(1);

        SyncReport removal = sync.sync();

        assertThat(removal.removed()).isEqualTo(1);
        assertThat(row(B).get("removed_at")).isNotNull();
        PRODUCT.devices.add(device(B, ""));
        SyncReport back = sync.sync();
        assertThat(back.updated()).isEqualTo(1);
        assertThat(row(B).get("removed_at")).isNull();
    }

    @Test
    void aFailedListingMarksNothingRemoved() {
        PRODUCT.devices.add(device(A, ""));
        sync.sync();
        PRODUCT.failWith = 503;

        assertThatThrownBy(() -> sync.sync()).isInstanceOf(ParticleApiException.class);

        assertThat(row(A).get("removed_at")).isNull();
    }

    @Test
    void localFieldsAreNeverOverwritten() {
        PRODUCT.devices.add(device(A, ""));
        sync.sync();
        jdbc.update("UPDATE device SET tags = '{pump,north}', site = 'Plant 4', time_zone = 'Europe/Berlin' WHERE id = ?",
                A);
        PRODUCT.devices.set(0, device(A, "\"name\":\"renamed\""));

        sync.sync();

        assertThat(row(A)).containsEntry("site", "Plant 4")
            .containsEntry("time_zone", "Europe/Berlin")
            .containsEntry("name", "renamed");
        assertThat(jdbc.queryForObject("SELECT array_to_string(tags, ',') FROM device WHERE id = ?", String.class, A))
            .isEqualTo("pump,north");
    }

    @Test
    void aNewerEventIsNotUndoneByAnOlderListing() {
        PRODUCT.devices.add(device(A, ""));
        sync.sync();
        jdbc.update("UPDATE device SET online = false, online_changed_at = ? WHERE id = ?",
                java.sql.Timestamp.from(Instant.now().plusSeconds(3600)), A);

        sync.sync();

        assertThat(row(A).get("online")).isEqualTo(false);
    }

    @Test
    void onlyOneSyncRunsAtATime(@org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource)
            throws Exception {
        try (var other = dataSource.getConnection(); var st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + DeviceSyncService.LOCK_NAMESPACE + ", 0)");

            assertThatThrownBy(() -> sync.sync()).isInstanceOf(ConflictException.class);

            st.execute("SELECT pg_advisory_unlock(" + DeviceSyncService.LOCK_NAMESPACE + ", 0)");
        }
    }

    @Test
    void aSyncWhoseHolderDiedDoesNotBlockTheNext(
            @org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource) throws Exception {
        try (var dead = dataSource.getConnection(); var st = dead.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + DeviceSyncService.LOCK_NAMESPACE + ", 0)");
            st.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        }
        catch (java.sql.SQLException expected) {
            // the session ends, as when the instance holding the lock is killed
        }

        org.assertj.core.api.Assertions.assertThatCode(() -> sync.sync()).doesNotThrowAnyException();
    }

    @Test
    void theSyncEndpointReturnsTheReport() throws Exception {
        PRODUCT.devices.add(device(A, ""));

        mvc.perform(post("/api/v1/devices/sync").with(user("ops").roles("OPERATOR")).with(csrf()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.created").value(1))
            .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void aReconnectedEventStreamTriggersOneReconciliation() {
        PRODUCT.devices.add(device(A, ""));
        int before = PRODUCT.listRequests.get();

        publisher.publishEvent(new EventStreamConnected(Instant.now(), true));

        await().atMost(5, TimeUnit.SECONDS).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM device WHERE id = ?", Integer.class, A) == 1);
        await().pollDelay(300, TimeUnit.MILLISECONDS).until(() -> true);
        assertThat(PRODUCT.listRequests.get() - before).isEqualTo(1);
    }

    @Test
    void aReconnectSyncThatFindsAnotherSyncRunningIsTriedAgain(@Autowired javax.sql.DataSource dataSource)
            throws Exception {
        PRODUCT.devices.add(device(B, ""));
        try (java.sql.Connection other = dataSource.getConnection(); java.sql.Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + DeviceSyncService.LOCK_NAMESPACE + ", 0)"); // another's sync

            publisher.publishEvent(new EventStreamConnected(Instant.now(), true));
            await().pollDelay(300, TimeUnit.MILLISECONDS).until(() -> true); // several 50 ms spacings: busy each time
            assertThat(jdbc.queryForObject("SELECT count(*) FROM device WHERE id = ?", Integer.class, B)).isZero();

            st.execute("SELECT pg_advisory_unlock(" + DeviceSyncService.LOCK_NAMESPACE + ", 0)");
        }

        await().atMost(5, TimeUnit.SECONDS).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM device WHERE id = ?", Integer.class, B) == 1);
    }

    private Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM device WHERE id = ?", id);
    }

}
