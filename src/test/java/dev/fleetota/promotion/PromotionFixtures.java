package dev.fleetota.promotion;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.TestDevices;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Cohorts, devices, templates and promotion bodies for the promotion tests; every name and version is unique. */
final class PromotionFixtures {

    static final int PRODUCT = 4242;

    private static final AtomicInteger VERSIONS = new AtomicInteger(1000 + (int) (System.nanoTime() % 1000));

    private final MockMvc mvc;

    private final JdbcTemplate jdbc;

    private final String operator;

    PromotionFixtures(MockMvc mvc, JdbcTemplate jdbc, String operatorHeader) {
        this.mvc = mvc;
        this.jdbc = jdbc;
        this.operator = operatorHeader;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static int nextFirmwareVersion() {
        return VERSIONS.incrementAndGet();
    }

    /** A cohort of {@code size} online Borons on an old Device OS and no product firmware. */
    long cohort(int size) {
        Long id = jdbc.queryForObject("INSERT INTO cohort (name) VALUES (?) RETURNING id", Long.class,
                unique("cohort"));
        List<String> devices = IntStream.range(0, size)
            .mapToObj(i -> TestDevices.device().platform(13).deviceOs("4.0.0").online(true).insert(jdbc))
            .toList();
        devices.forEach(d -> jdbc.update("INSERT INTO cohort_member (cohort_id, device_id) VALUES (?, ?)", id, d));
        return id;
    }

    List<String> members(long cohortId) {
        return jdbc.queryForList("SELECT device_id FROM cohort_member WHERE cohort_id = ? ORDER BY device_id",
                String.class, cohortId);
    }

    /** Creates a template from a JSON body (with operator rights) and returns its id. */
    long template(String body) throws Exception {
        String json = mvc.perform(post("/api/v1/rollout-templates").header(AUTHORIZATION, operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

    static String templateBody(String name, long cohortId, String extra) {
        return """
                {"name": "%s", "cohortIds": [%d]%s}
                """.formatted(name, cohortId, extra == null || extra.isBlank() ? "" : ", " + extra);
    }

    static String promotionBody(String template, int firmwareVersion, String title) {
        return """
                {"template": "%s",
                 "firmware": {"productId": %d, "version": %d, "deviceOsVersion": "4.2.0", "platformIds": [13],
                              "title": "%s", "gitSha": "0123abc"}}
                """.formatted(template, PRODUCT, firmwareVersion, title);
    }

    ResultActions promote(String header, String key, String body) throws Exception {
        MockHttpServletRequestBuilder request = post("/api/v1/promotions").header(AUTHORIZATION, header)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request);
    }

    /** Marks every device update of a rollout with {@code state}, as if the engine had driven them there. */
    void finishDevices(long rolloutId, String state) {
        jdbc.update("UPDATE device_update SET state = ?, finished_at = now() WHERE rollout_id = ?", state, rolloutId);
    }

    void finishDevice(long rolloutId, String deviceId, String state) {
        jdbc.update("UPDATE device_update SET state = ?, finished_at = now() WHERE rollout_id = ? AND device_id = ?",
                state, rolloutId, deviceId);
    }

    int rolloutsOfFirmwareVersion(int version) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM rollout WHERE product_id = ? AND target_firmware_version = ?", Integer.class,
                PRODUCT, version);
        return n == null ? 0 : n;
    }

}
