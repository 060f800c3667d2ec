package dev.fleetota.cohort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import dev.fleetota.TestTokens;
import dev.fleetota.particle.ParticleClient;
import dev.fleetota.particlesim.DeviceSpec;
import dev.fleetota.particlesim.ParticleSimulator;
import dev.fleetota.particlesim.Platform;
import dev.fleetota.particlesim.SimulatorSettings;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Cohort → Particle group mirroring against the in-process Particle simulator. */
@IntegrationTest
class GroupMirrorSimulatorTests {

    static final ParticleSimulator SIM = ParticleSimulator.start(SimulatorSettings.builder()
        .port(0)
        .seed(7)
        .timeScale(200)
        .strict(true)
        .faultProbabilities(SimulatorSettings.FaultProbabilities.NONE)
        .rateLimits(new SimulatorSettings.RateLimits(Duration.ofMinutes(5), 1_000_000, 1_000, 100))
        .requireRunBeforeRelease(false)
        .build());

    @DynamicPropertySource
    static void particle(DynamicPropertyRegistry registry) {
        registry.add("fleetota.particle.base-url", SIM::baseUrl);
        registry.add("fleetota.particle.access-token", SIM::accessToken);
        registry.add("fleetota.particle.product", () -> String.valueOf(SIM.productId()));
        registry.add("fleetota.cohort.group-mirror.batch-size", () -> "2");
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GroupMirrorSync sync;

    String operator;

    String group;

    long cohort;

    List<String> devices;

    @BeforeEach
    void setUp() {
        operator = TestTokens.bearer(context, Role.OPERATOR);
        group = "mirror-" + UUID.randomUUID().toString().substring(0, 8);
        cohort = jdbc.queryForObject("INSERT INTO cohort (name) VALUES (?) RETURNING id", Long.class, group);
        devices = IntStream.range(0, 5).mapToObj(i -> simulatedDevice()).toList();
    }

    @Test
    void theFirstSyncCreatesTheGroupAndPutsEveryCohortMemberInIt() throws Exception {
        addMembers(devices);
        mirror(group).andExpect(status().isOk()).andExpect(jsonPath("$.lastSyncAt").doesNotExist());
        long batchCalls = batchCalls();

        mvc.perform(post("/api/v1/cohorts/{id}/group-mirror/sync", cohort).header(AUTHORIZATION, operator))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.groupCreated").value(true))
            .andExpect(jsonPath("$.added").value(5))
            .andExpect(jsonPath("$.members").value(5));

        assertThat(membersInSimulator()).containsExactlyInAnyOrderElementsOf(devices);
        assertThat(batchCalls() - batchCalls).as("batches of 2").isEqualTo(3);
        mvc.perform(get("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, operator))
            .andExpect(jsonPath("$.lastSyncOutcome").value("SUCCESS"))
            .andExpect(jsonPath("$.lastMemberCount").value(5));
    }

    @Test
    void aSyncRemovesDevicesThatLeftTheCohortOrWereAddedToTheGroupElsewhere() throws Exception {
        addMembers(devices.subList(0, 3));
        mirror(group);
        sync.sync(cohort);
        String outsider = simulatedDevice();
        context.getBean(ParticleClient.class).changeGroups(List.of(outsider), List.of(group), List.of());
        jdbc.update("DELETE FROM cohort_member WHERE cohort_id = ? AND device_id = ?", cohort, devices.get(0));
        addMembers(devices.subList(3, 5));

        GroupSyncReport report = sync.sync(cohort);

        assertThat(report.added()).isEqualTo(2);
        assertThat(report.removed()).isEqualTo(2);
        assertThat(report.groupCreated()).isFalse();
        assertThat(membersInSimulator()).containsExactlyInAnyOrderElementsOf(devices.subList(1, 5));
    }

    @Test
    void aSecondSyncWithoutChangesChangesNothing() throws Exception {
        addMembers(devices);
        mirror(group);
        sync.sync(cohort);
        long batchCalls = batchCalls();

        GroupSyncReport report = sync.sync(cohort);

        assertThat(report.added()).isZero();
        assertThat(report.removed()).isZero();
        assertThat(batchCalls()).isEqualTo(batchCalls);
    }

    @Test
    void cohortMembersUnknownToParticleAreCountedAsMissing() throws Exception {
        String localOnly = TestDevices.device().insert(jdbc);
        addMembers(List.of(devices.get(0), localOnly));
        mirror(group);

        GroupSyncReport report = sync.sync(cohort);

        assertThat(report.missing()).isEqualTo(1);
        assertThat(membersInSimulator()).containsExactly(devices.get(0));
    }

    @Test
    void theScheduledSyncSyncsEveryMirror() throws Exception {
        addMembers(devices.subList(0, 2));
        mirror(group);
        long other = jdbc.queryForObject("INSERT INTO cohort (name) VALUES (?) RETURNING id", Long.class, group + "-b");
        jdbc.update("INSERT INTO cohort_member (cohort_id, device_id) VALUES (?, ?)", other, devices.get(4));
        mvc.perform(put("/api/v1/cohorts/{id}/group-mirror", other).header(AUTHORIZATION, operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"groupName\": \"" + group + "-b\"}")).andExpect(status().isOk());

        context.getBean(GroupMirrorJob.class).syncAll();

        assertThat(membersInSimulator()).containsExactlyInAnyOrderElementsOf(devices.subList(0, 2));
        assertThat(SIM.device(devices.get(4)).groups()).containsExactly(group + "-b");
    }

    @Test
    void aGroupWithReleasedFirmwareIsNeverChanged() throws Exception {
        addMembers(devices);
        mirror(group);
        int version = 900 + (int) (Math.random() * 9000);
        SIM.addFirmware(version, "4.2.0");
        release(version, group);

        mvc.perform(post("/api/v1/cohorts/{id}/group-mirror/sync", cohort).header(AUTHORIZATION, operator))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type", endsWith("/group-has-released-firmware")));

        assertThat(membersInSimulator()).isEmpty();
        mvc.perform(get("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, operator))
            .andExpect(jsonPath("$.lastSyncOutcome").value("FAILED"));
    }

    @Test
    void groupNamesFollowParticlesRules() throws Exception {
        mirror("Not Valid!").andExpect(status().isBadRequest());
    }

    @Test
    void oneGroupMirrorsOneCohort() throws Exception {
        mirror(group).andExpect(status().isOk());
        long other = jdbc.queryForObject("INSERT INTO cohort (name) VALUES (?) RETURNING id", Long.class, group + "-c");

        mvc.perform(put("/api/v1/cohorts/{id}/group-mirror", other).header(AUTHORIZATION, operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"groupName\": \"" + group + "\"}"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type", endsWith("/group-already-mirrored")));
    }

    @Test
    void aCiTokenReadsAMirrorButCannotChangeOrSyncIt() throws Exception {
        mirror(group);
        String ci = TestTokens.bearer(context, Role.CI);

        mvc.perform(get("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, ci))
            .andExpect(status().isOk());
        mvc.perform(post("/api/v1/cohorts/{id}/group-mirror/sync", cohort).header(AUTHORIZATION, ci))
            .andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, ci))
            .andExpect(status().isForbidden());
    }

    @Test
    void removingTheMirrorStopsSyncingButLeavesTheGroup() throws Exception {
        addMembers(devices.subList(0, 1));
        mirror(group);
        sync.sync(cohort);

        mvc.perform(delete("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, operator))
            .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, operator))
            .andExpect(status().isNotFound());
        assertThat(membersInSimulator()).containsExactly(devices.get(0));
    }

    private String simulatedDevice() {
        String id = SIM.addDevice(DeviceSpec.of(Platform.BORON)).id();
        TestDevices.device().id(id).insert(jdbc);
        return id;
    }

    private void addMembers(List<String> ids) {
        ids.forEach(id -> jdbc.update("INSERT INTO cohort_member (cohort_id, device_id) VALUES (?, ?)", cohort, id));
    }

    private ResultActions mirror(String groupName) throws Exception {
        return mvc.perform(put("/api/v1/cohorts/{id}/group-mirror", cohort).header(AUTHORIZATION, operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"groupName\": \"" + groupName + "\"}"));
    }

    private List<String> membersInSimulator() {
        return SIM.devices().stream().filter(d -> d.groups().contains(group)).map(d -> d.id()).toList();
    }

    private long batchCalls() {
        return SIM.stats().requestsByRoute().getOrDefault("batchUpdate", 0L);
    }

    private static void release(int version, String groupName) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(SIM.baseUrl() + "/v1/products/" + SIM.productId() + "/firmware/release"))
            .header("Authorization", "Bearer " + SIM.accessToken())
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(
                    "{\"version\": " + version + ", \"groups\": [\"" + groupName + "\"]}"))
            .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

}
