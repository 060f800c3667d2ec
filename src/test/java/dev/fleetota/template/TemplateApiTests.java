package dev.fleetota.template;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TemplateApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    String operator;

    String ci;

    String name;

    long cohort;

    @BeforeEach
    void setUp() {
        operator = TestTokens.bearer(context, Role.OPERATOR);
        ci = TestTokens.bearer(context, Role.CI);
        name = "tpl-" + UUID.randomUUID().toString().substring(0, 8);
        cohort = jdbc.queryForObject("INSERT INTO cohort (name) VALUES (?) RETURNING id", Long.class, name);
    }

    @Test
    void anOperatorCreatesVersionOneOfATemplate() throws Exception {
        send(operator, post("/api/v1/rollout-templates"), body(name, "\"startMode\": \"NOW\""))
            .andExpect(status().isCreated())
            .andExpect(header().string("Location", endsWith("/api/v1/rollout-templates/"
                    + jdbc.queryForObject("SELECT max(id) FROM rollout_template", Long.class))))
            .andExpect(jsonPath("$.name").value(name))
            .andExpect(jsonPath("$.version").value(1))
            .andExpect(jsonPath("$.currentVersion").value(1))
            .andExpect(jsonPath("$.startMode").value("NOW"))
            .andExpect(jsonPath("$.policy.batches.canarySize").value(3))
            .andExpect(jsonPath("$.cohortIds[0]").value(cohort));
    }

    @Test
    void everyUpdateWritesANewVersionAndKeepsTheOldOnes() throws Exception {
        long id = create(body(name, "\"policy\": {\"batches\": {\"canarySize\": 2}}"));
        String canaryOfFive = body(name, "\"policy\": {\"batches\": {\"canarySize\": 5}}");

        send(operator, put("/api/v1/rollout-templates/{id}", id), canaryOfFive)
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.version").value(2))
            .andExpect(jsonPath("$.policy.batches.canarySize").value(5));

        mvc.perform(get("/api/v1/rollout-templates/{id}/versions/1", id).header(AUTHORIZATION, ci))
            .andExpect(jsonPath("$.policy.batches.canarySize").value(2))
            .andExpect(jsonPath("$.currentVersion").value(2));
        mvc.perform(get("/api/v1/rollout-templates/{id}/versions", id).header(AUTHORIZATION, ci))
            .andExpect(jsonPath("$[0].version").value(2))
            .andExpect(jsonPath("$[1].version").value(1));
    }

    @Test
    void gatesWithoutANameAreNamedByPosition() throws Exception {
        send(operator, post("/api/v1/rollout-templates"), body(name, """
                "gates": [{"minSucceeded": 5}, {"name": "staging", "minSucceeded": 2, "cohortId": %d}]"""
            .formatted(cohort)))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.gates[0].name").value("gate-1"))
            .andExpect(jsonPath("$.gates[1].name").value("staging"))
            .andExpect(jsonPath("$.gates[1].cohortId").value(cohort));
    }

    @Test
    void aCiTokenReadsTemplatesButCannotWriteThem() throws Exception {
        long id = create(body(name, null));

        mvc.perform(get("/api/v1/rollout-templates").header(AUTHORIZATION, ci))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].name", hasItem(name)));
        send(ci, post("/api/v1/rollout-templates"), body(name + "-2", null)).andExpect(status().isForbidden());
        send(ci, put("/api/v1/rollout-templates/{id}", id), body(name, null)).andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/rollout-templates/{id}", id).header(AUTHORIZATION, ci))
            .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/rollout-templates/{id}", id).header(AUTHORIZATION, ci))
            .andExpect(jsonPath("$.version").value(1));
    }

    @Test
    void aTemplateCannotFixAbsoluteStartOrEndTimes() throws Exception {
        send(operator, post("/api/v1/rollout-templates"), body(name, """
                "policy": {"schedule": {"startAt": "2030-01-01T00:00:00Z", "endBy": "2030-01-02T00:00:00Z"}}"""))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.type", endsWith("/invalid-template")))
            .andExpect(jsonPath("$.errors[*].field", hasItem("policy.schedule.startAt")))
            .andExpect(jsonPath("$.errors[*].field", hasItem("policy.schedule.endBy")));
    }

    @Test
    void startingAtTheNextWindowNeedsAWindow() throws Exception {
        send(operator, post("/api/v1/rollout-templates"), body(name, "\"startMode\": \"NEXT_WINDOW\""))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("startMode"));
    }

    @Test
    void anUnknownCohortIsRejected() throws Exception {
        send(operator, post("/api/v1/rollout-templates"), """
                {"name": "%s", "cohortIds": [%d]}""".formatted(name, Long.MAX_VALUE))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.errors[0].field").value("cohortIds[0]"));
    }

    @Test
    void aTakenNameIsA409() throws Exception {
        create(body(name, null));

        send(operator, post("/api/v1/rollout-templates"), body(name, null))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type", endsWith("/template-name-taken")));
    }

    @Test
    void aDeletedTemplateIsGoneAndItsNameFree() throws Exception {
        long id = create(body(name, null));

        mvc.perform(delete("/api/v1/rollout-templates/{id}", id).header(AUTHORIZATION, operator))
            .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/rollout-templates/{id}", id).header(AUTHORIZATION, operator))
            .andExpect(status().isNotFound());
        send(operator, post("/api/v1/rollout-templates"), body(name, null)).andExpect(status().isCreated());
    }

    private long create(String body) throws Exception {
        String json = send(operator, post("/api/v1/rollout-templates"), body).andExpect(status().isCreated())
            .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

    private ResultActions send(String token, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header(AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private String body(String templateName, String extra) {
        return """
                {"name": "%s", "cohortIds": [%d]%s}""".formatted(templateName, cohort,
                extra == null ? "" : ", " + extra);
    }

}
