package dev.fleetota.cohort;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class CohortApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    TestToken operator;

    String name;

    String tag;

    @BeforeEach
    void setUp() {
        operator = TestTokens.create(context, Role.OPERATOR);
        name = "cohort " + UUID.randomUUID().toString().substring(0, 8);
        tag = "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void operatorCreatesAStaticCohort() throws Exception {
        String b = TestDevices.device().insert(jdbc);
        String a = TestDevices.device().insert(jdbc);

        send(post("/api/v1/cohorts"), operator, body(name, "[\"%s\", \"%s\", \"%s\"]".formatted(b.toUpperCase(), a, b),
                null))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.LOCATION, startsWith("http://localhost/api/v1/cohorts/")))
            .andExpect(jsonPath("$.name").value(name))
            .andExpect(jsonPath("$.deviceIds", contains(sorted(a, b))))
            .andExpect(jsonPath("$.selector").doesNotExist());
    }

    @Test
    void membersAreStaticMembersAndSelectorMatchesWithoutRemovedDevices() throws Exception {
        String staticMember = TestDevices.device().insert(jdbc);
        String matching = TestDevices.device().platform(32).tags(tag, "x").insert(jdbc);
        TestDevices.device().platform(13).tags(tag).insert(jdbc);
        TestDevices.device().platform(32).tags(tag).removed().insert(jdbc);
        long id = create(body(name, "[\"" + staticMember + "\"]",
                "{\"platformIds\": [32], \"tags\": [\"" + tag + "\"]}"));

        send(get("/api/v1/cohorts/{id}/devices", id), operator)
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].id", contains(sorted(staticMember, matching))))
            .andExpect(jsonPath("$.items[0].platformName").exists())
            .andExpect(jsonPath("$.totalItems").value(2));
    }

    @Test
    void unknownStaticMembersAreListedInA400() throws Exception {
        String known = TestDevices.device().insert(jdbc);
        String unknown = TestDevices.randomId();

        send(post("/api/v1/cohorts"), operator, body(name, "[\"" + known + "\", \"" + unknown + "\"]", null))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/unknown-devices"))
            .andExpect(jsonPath("$.unknownDeviceIds", contains(unknown)));
    }

    @Test
    void aDuplicateNameIsA409AndTheRefusalIsAudited() throws Exception {
        create(body(name, null, "{\"tags\": [\"" + tag + "\"]}"));

        send(post("/api/v1/cohorts"), operator, body(name, null, "{\"tags\": [\"" + tag + "\"]}"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/cohort-name-taken"));
        assertThat(jdbc.queryForList("select action || ' ' || outcome || ' '"
                + " || coalesce(detail->'selector'->'tags'->>0, '-') from audit_entry where actor = ? order by id",
                String.class, operator.name()))
            .containsExactly("cohort.create SUCCESS " + tag, "cohort.create REJECTED -");
    }

    @Test
    void putReplacesNameMembersAndSelector() throws Exception {
        String first = TestDevices.device().insert(jdbc);
        String second = TestDevices.device().insert(jdbc);
        long id = create(body(name, "[\"" + first + "\"]", "{\"tags\": [\"" + tag + "\"]}"));

        send(put("/api/v1/cohorts/{id}", id), operator, body(name + " v2", "[\"" + second + "\"]", null))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.name").value(name + " v2"))
            .andExpect(jsonPath("$.deviceIds", contains(second)))
            .andExpect(jsonPath("$.selector").doesNotExist())
            .andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void renamingOntoAnotherCohortsNameIsA409() throws Exception {
        create(body(name, null, "{\"tags\": [\"" + tag + "\"]}"));
        long other = create(body(name + "-other", null, "{\"tags\": [\"" + tag + "\"]}"));

        send(put("/api/v1/cohorts/{id}", other), operator, body(name, null, "{\"tags\": [\"" + tag + "\"]}"))
            .andExpect(status().isConflict());
    }

    @Test
    void deleteRemovesTheCohortAndItsMembersAndIsAudited() throws Exception {
        String member = TestDevices.device().insert(jdbc);
        long id = create(body(name, "[\"" + member + "\"]", null));

        send(delete("/api/v1/cohorts/{id}", id), operator).andExpect(status().isNoContent());

        send(get("/api/v1/cohorts/{id}", id), operator).andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("select count(*) from cohort_member where cohort_id = ?", Integer.class, id))
            .isZero();
        assertThat(jdbc.queryForList("select outcome from audit_entry where action = 'cohort.delete'"
                + " and resource_id = ?", String.class, String.valueOf(id)))
            .containsExactly("SUCCESS");
    }

    @Test
    void unknownCohortsAre404s() throws Exception {
        send(get("/api/v1/cohorts/{id}", 987654321L), operator).andExpect(status().isNotFound());
        send(get("/api/v1/cohorts/{id}/devices", 987654321L), operator).andExpect(status().isNotFound());
        send(put("/api/v1/cohorts/{id}", 987654321L), operator, body(name, null, "{\"tags\": [\"a\"]}"))
            .andExpect(status().isNotFound());
        send(delete("/api/v1/cohorts/{id}", 987654321L), operator).andExpect(status().isNotFound());
    }

    @Test
    void aCohortNeedsMembersOrASelector() throws Exception {
        send(post("/api/v1/cohorts"), operator, body(name, "[]", null))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[*].field", contains("membershipDefined")));
    }

    @Test
    void everyInvalidFieldIsListed() throws Exception {
        String selector = """
                {"platformIds": [99], "simKinds": ["SATELLITE"], "deviceOsMin": "six", "tags": ["bad tag"]}""";

        send(post("/api/v1/cohorts"), operator, body("bad/name", "[\"xyz\"]", selector))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/validation"))
            .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "deviceIds[0]",
                    "selector.platformIds[0]", "selector.simKinds[0]", "selector.deviceOsMin", "selector.tags[0]")));
    }

    @Test
    void anEmptySelectorIsRejected() throws Exception {
        send(post("/api/v1/cohorts"), operator, body(name, null, "{}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[*].field", contains("selector.anyCriterionSet")));
    }

    @Test
    void aDeviceOsRangeMustBeOrderedSemantically() throws Exception {
        send(post("/api/v1/cohorts/preview"), operator, "{\"deviceOsMin\": \"5.10.0\", \"deviceOsMax\": \"5.9.0\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[*].field", hasItem("deviceOsRangeOrdered")));
    }

    @Test
    void previewCountsMatchesAndSamplesTheFirstTwenty() throws Exception {
        for (int i = 0; i < 22; i++) {
            TestDevices.device().tags(tag).deviceOs("5.10.0").insert(jdbc);
        }
        TestDevices.device().tags(tag).deviceOs("5.9.0").insert(jdbc);

        send(post("/api/v1/cohorts/preview"), TestTokens.create(context, Role.VIEWER),
                "{\"tags\": [\"" + tag + "\"], \"deviceOsMin\": \"5.10.0\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.count").value(22))
            .andExpect(jsonPath("$.sample.length()").value(20));
    }

    @Test
    void listShowsStaticMemberCounts() throws Exception {
        String member = TestDevices.device().insert(jdbc);
        create(body(name, "[\"" + member + "\"]", null));

        send(get("/api/v1/cohorts").param("size", "500"), operator)
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[?(@.name == '" + name + "')].staticMemberCount", contains(1)));
    }

    @Test
    void ciAndViewersCannotEditCohorts() throws Exception {
        for (Role role : List.of(Role.CI, Role.VIEWER)) {
            send(post("/api/v1/cohorts"), TestTokens.create(context, role), body(name, null, "{\"tags\": [\"a\"]}"))
                .andExpect(status().isForbidden());
        }
        assertThat(jdbc.queryForObject("select count(*) from cohort where name = ?", Integer.class, name)).isZero();
    }

    @Test
    void ciCanReadCohorts() throws Exception {
        long id = create(body(name, null, "{\"tags\": [\"" + tag + "\"]}"));

        send(get("/api/v1/cohorts/{id}", id), TestTokens.create(context, Role.CI)).andExpect(status().isOk());
    }

    private long create(String body) throws Exception {
        String response = send(post("/api/v1/cohorts"), operator, body).andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
        return Long.parseLong(response.replaceAll("^\\{\"id\":(\\d+).*", "$1").trim());
    }

    private ResultActions send(MockHttpServletRequestBuilder request,
            TestToken token) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, token.header()));
    }

    private ResultActions send(MockHttpServletRequestBuilder request,
            TestToken token, String body) throws Exception {
        return send(request.contentType(MediaType.APPLICATION_JSON).content(body), token);
    }

    private static String body(String name, String deviceIds, String selector) {
        return "{\"name\": \"" + name + "\", \"description\": \"test\"" + (deviceIds == null ? "" : ", \"deviceIds\": "
                + deviceIds) + (selector == null ? "" : ", \"selector\": " + selector) + "}";
    }

    private static String[] sorted(String... ids) {
        return Arrays.stream(ids).sorted().toArray(String[]::new);
    }

}
