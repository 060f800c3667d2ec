package dev.fleetota.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.TestTokens;
import dev.fleetota.device.DeviceSyncService;
import dev.fleetota.security.Role;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Drives scenarios through the public API (MockMvc, an operator token) and the engine's tick, the way the scheduler
 * would, but deterministically from the test thread.
 */
final class ScenarioDriver {

    private final MockMvc mvc;

    private final RolloutTicker ticker;

    private final CommandDispatcher dispatcher;

    private final PreflightRefresher preflight;

    private final VerificationReader verifier;

    private final DeviceSyncService sync;

    private final String operator;

    private final dev.fleetota.particlesim.ParticleSimulator sim;

    ScenarioDriver(ApplicationContext context, MockMvc mvc) {
        this(context, mvc, SimulatedFleet.SIM);
    }

    ScenarioDriver(ApplicationContext context, MockMvc mvc, dev.fleetota.particlesim.ParticleSimulator sim) {
        this.sim = sim;
        this.mvc = mvc;
        this.ticker = context.getBean(RolloutTicker.class);
        this.dispatcher = context.getBean(CommandDispatcher.class);
        this.preflight = context.getBean(PreflightRefresher.class);
        this.verifier = context.getBean(VerificationReader.class);
        this.sync = context.getBean(DeviceSyncService.class);
        this.operator = TestTokens.bearer(context, Role.OPERATOR);
    }

    /** A sync that includes the devices added just now (after the reconnect sync, if one runs). */
    void syncDevices() {
        sync.syncWhenFree(Duration.ofSeconds(30));
    }

    long registerFirmware(int version, String deviceOs, List<Integer> platformIds) throws Exception {
        String body = """
                {"productId": %d, "version": %d, "deviceOsVersion": "%s", "platformIds": %s, "title": "v%d"}
                """.formatted(sim.productId(), version, deviceOs, platformIds, version);
        return idOf(postJson("/api/v1/firmware", body, 201));
    }

    long createCohort(String name, List<String> deviceIds) throws Exception {
        String ids = deviceIds.stream().map(id -> "\"" + id + "\"").toList().toString();
        return idOf(postJson("/api/v1/cohorts", "{\"name\": \"" + name + "\", \"deviceIds\": " + ids + "}", 201));
    }

    long createRollout(String name, long firmwareId, long cohortId, String policyJson) throws Exception {
        String body = "{\"name\": \"" + name + "\", \"firmwareId\": " + firmwareId + ", \"cohortIds\": [" + cohortId
                + "], \"policy\": " + policyJson + "}";
        return idOf(postJson("/api/v1/rollouts", body, 201));
    }

    String action(long rolloutId, String action) throws Exception {
        return postJson("/api/v1/rollouts/" + rolloutId + "/" + action, "", 200);
    }

    String rollout(long rolloutId) throws Exception {
        return mvc.perform(get("/api/v1/rollouts/" + rolloutId).header("Authorization", operator))
            .andReturn()
            .getResponse()
            .getContentAsString();
    }

    String planJson(long rolloutId) throws Exception {
        return getJson("/api/v1/rollouts/" + rolloutId + "/plan");
    }

    String deviceState(long rolloutId, String deviceId) throws Exception {
        List<Map<String, Object>> items = JsonPath.read(
                getJson("/api/v1/rollouts/" + rolloutId + "/devices?size=1000"), "$.items");
        return items.stream()
            .filter(i -> deviceId.equals(i.get("deviceId")))
            .map(i -> (String) i.get("state"))
            .findFirst()
            .orElseThrow();
    }

    /** The device's transitions (to-states, oldest first) as one string. */
    String deviceTimeline(long rolloutId, String deviceId) throws Exception {
        List<String> states = JsonPath.read(getJson("/api/v1/rollouts/" + rolloutId + "/devices/" + deviceId
                + "/timeline"), "$[*].toState");
        return String.join(",", states);
    }

    String getJson(String path) throws Exception {
        var response = mvc.perform(get(path).header("Authorization", operator)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path + " -> " + response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }

    String status(long rolloutId) throws Exception {
        return JsonPath.read(rollout(rolloutId), "$.status");
    }

    Map<String, Integer> counts(long rolloutId) throws Exception {
        return JsonPath.read(rollout(rolloutId), "$.progress.byState");
    }

    private String lastDescribed = "";

    /** Remembers a short description of the rollout's devices (state and reason) for failure messages. */
    String describe(long rolloutId) throws Exception {
        List<Map<String, Object>> items = JsonPath.read(
                getJson("/api/v1/rollouts/" + rolloutId + "/devices?size=1000"), "$.items");
        Map<String, Long> byReason = items.stream()
            .collect(java.util.stream.Collectors.groupingBy(i -> i.get("state") + ":" + i.get("reason"),
                    java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        lastDescribed = status(rolloutId) + " " + byReason;
        return lastDescribed;
    }

    /** For polling conditions: refreshes the description, never true. */
    boolean describeQuietly(long rolloutId) {
        try {
            describe(rolloutId);
        }
        catch (Exception ex) {
            lastDescribed = ex.toString();
        }
        return false;
    }

    /** Ticks the engine and sends due commands until the condition holds; fails after the timeout. */
    void driveUntil(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            engineRound();
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(40);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within " + timeout + "; " + lastDescribed)
            .isTrue();
    }

    /** Ticks for a while (to show that something does NOT happen). */
    void driveFor(Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            engineRound();
            Thread.sleep(40);
        }
    }

    /** Devices of the rollout that reached an end state. */
    int finished(long rolloutId) {
        try {
            return JsonPath.read(rollout(rolloutId), "$.progress.finished");
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** What the scheduler's jobs do, once each: preflight reads, the tick, sending, verification reads. */
    private void engineRound() {
        preflight.refreshDue();
        ticker.tick();
        dispatcher.dispatchAll();
        verifier.verifyDue();
    }

    boolean statusIs(long rolloutId, String expected) {
        try {
            return expected.equals(status(rolloutId));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String postJson(String path, String body, int expectedStatus) throws Exception {
        var response = mvc.perform(post(path).header("Authorization", operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path + " -> " + response.getContentAsString()).isEqualTo(expectedStatus);
        return response.getContentAsString();
    }

    private static long idOf(String json) {
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

}
