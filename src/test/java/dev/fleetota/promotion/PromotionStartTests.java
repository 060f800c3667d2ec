package dev.fleetota.promotion;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fleetota.promotion.PromotionFixtures.promotionBody;
import static dev.fleetota.promotion.PromotionFixtures.templateBody;
import static dev.fleetota.promotion.PromotionFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PromotionStartTests {

    private static final String ZONE = "America/New_York";

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    PromotionFixtures fixtures;

    String operator;

    TestToken ci;

    long cohort;

    String name;

    int version;

    @BeforeEach
    void setUp() {
        operator = TestTokens.bearer(context, Role.OPERATOR);
        fixtures = new PromotionFixtures(mvc, jdbc, operator);
        ci = TestTokens.create(context, Role.CI);
        cohort = fixtures.cohort(3);
        name = unique("tpl");
        version = PromotionFixtures.nextFirmwareVersion();
    }

    @Test
    void aDraftTemplateLeavesTheRolloutInDraftRecordingTheTemplateVersion() throws Exception {
        long templateId = fixtures.template(templateBody(name, cohort, null));

        fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.rollout.status").value("DRAFT"))
            .andExpect(jsonPath("$.rollout.templateId").value(templateId))
            .andExpect(jsonPath("$.rollout.templateVersion").value(1))
            .andExpect(jsonPath("$.rollout.name").value(name + " firmware v" + version))
            .andExpect(jsonPath("$.firmwareCreated").value(true))
            .andExpect(jsonPath("$.template.version").value(1));
    }

    @Test
    void aStartNowTemplateStartsTheRolloutAndLimitsItByRunFor() throws Exception {
        fixtures.template(templateBody(name, cohort, "\"startMode\": \"NOW\", \"runFor\": \"PT6H\""));
        Instant before = Instant.now();

        String body = fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.rollout.status").value("RUNNING"))
            .andReturn().getResponse().getContentAsString();

        Instant endBy = Instant.parse(JsonPath.read(body, "$.rollout.policy.schedule.endBy"));
        assertThat(endBy).isBetween(before.plus(Duration.ofHours(6)), Instant.now().plus(Duration.ofHours(6)));
    }

    @Test
    void aNextWindowTemplateSchedulesTheRolloutForTheWindowsNextOpening() throws Exception {
        LocalDate inTwoDays = LocalDate.now(ZoneId.of(ZONE)).plusDays(2);
        fixtures.template(templateBody(name, cohort, """
                "startMode": "NEXT_WINDOW", "runFor": "PT2H",
                "policy": {"schedule": {"windows": [
                    {"days": ["%s"], "start": "03:00", "end": "05:00", "timeZone": "%s"}]}}
                """.formatted(inTwoDays.getDayOfWeek(), ZONE)));
        Instant opening = ZonedDateTime.of(inTwoDays, LocalTime.of(3, 0), ZoneId.of(ZONE)).toInstant();

        String body = fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.rollout.status").value("SCHEDULED"))
            .andReturn().getResponse().getContentAsString();

        assertThat(Instant.parse(JsonPath.read(body, "$.startAt"))).isEqualTo(opening);
        assertThat(Instant.parse(JsonPath.read(body, "$.rollout.policy.schedule.startAt"))).isEqualTo(opening);
        assertThat(Instant.parse(JsonPath.read(body, "$.endBy"))).isEqualTo(opening.plus(Duration.ofHours(2)));
        mvc.perform(get("/api/v1/audit").param("action", "promotion.schedule-start")
            .param("resourceId", String.valueOf((Integer) JsonPath.read(body, "$.rollout.id")))
            .header(AUTHORIZATION, operator))
            .andExpect(jsonPath("$.totalItems").value(1))
            .andExpect(jsonPath("$.items[0].actor").value(ci.name()))
            .andExpect(jsonPath("$.items[0].detail.startAt").value(opening.toString()));
    }

    @Test
    void aPromotionUsesTheCurrentTemplateVersionUnlessOneIsPinned() throws Exception {
        long templateId = fixtures.template(templateBody(name, cohort, null));
        mvc.perform(put("/api/v1/rollout-templates/{id}", templateId).header(AUTHORIZATION, operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content(templateBody(name, cohort, "\"description\": \"second\""))).andExpect(status().isOk());
        int pinnedVersion = PromotionFixtures.nextFirmwareVersion();
        String pinned = promotionBody(name, pinnedVersion, "v").replaceFirst("\\{", "{\"templateVersion\": 1, ");

        fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "v"))
            .andExpect(jsonPath("$.rollout.templateVersion").value(2));
        fixtures.promote(ci.header(), unique("k"), pinned)
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.rollout.templateVersion").value(1));
    }

    @Test
    void theSameFirmwareVersionWithOtherContentIsA409() throws Exception {
        fixtures.template(templateBody(name, cohort, null));
        fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "first build"))
            .andExpect(status().isCreated());

        fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "other build"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type", endsWith("/firmware-content-mismatch")));

        assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isEqualTo(1);
    }

    @Test
    void aViewerCannotPromote() throws Exception {
        fixtures.template(templateBody(name, cohort, null));

        fixtures.promote(TestTokens.bearer(context, Role.VIEWER), unique("k"), promotionBody(name, version, "v"))
            .andExpect(status().isForbidden());
    }

    @Test
    void aCiTokenCanNeitherApproveNorResumeARollout() throws Exception {
        fixtures.template(templateBody(name, cohort, "\"startMode\": \"NOW\""));
        String body = fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "v"))
            .andReturn().getResponse().getContentAsString();
        int rolloutId = JsonPath.read(body, "$.rollout.id");

        mvc.perform(post("/api/v1/rollouts/{id}/approve", rolloutId).header(AUTHORIZATION, ci.header()))
            .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/rollouts/{id}/resume", rolloutId).header(AUTHORIZATION, ci.header()))
            .andExpect(status().isForbidden());
    }

    @Test
    void promotionsAreInTheAuditTrailFilteredByActorResourceAndTime() throws Exception {
        fixtures.template(templateBody(name, cohort, null));
        Instant from = Instant.now().minusSeconds(1);
        String body = fixtures.promote(ci.header(), unique("k"), promotionBody(name, version, "v"))
            .andReturn().getResponse().getContentAsString();
        int promotionId = JsonPath.read(body, "$.promotionId");

        mvc.perform(get("/api/v1/audit").param("actor", ci.name()).param("resourceType", "promotion")
            .param("resourceId", String.valueOf(promotionId)).param("from", from.toString())
            .param("to", Instant.now().plusSeconds(1).toString())
            .header(AUTHORIZATION, operator))
            .andExpect(jsonPath("$.totalItems").value(1))
            .andExpect(jsonPath("$.items[0].action").value("promotion.create"))
            .andExpect(jsonPath("$.items[0].detail.firmwareVersion").value(version));
        mvc.perform(get("/api/v1/audit").param("actor", ci.name()).param("resourceType", "promotion")
            .param("to", from.toString()).header(AUTHORIZATION, operator))
            .andExpect(jsonPath("$.totalItems").value(0));
    }

}
