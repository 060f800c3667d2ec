package dev.fleetota.promotion;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fleetota.promotion.PromotionFixtures.promotionBody;
import static dev.fleetota.promotion.PromotionFixtures.templateBody;
import static dev.fleetota.promotion.PromotionFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PromotionGateTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    PromotionFixtures fixtures;

    TestToken ci;

    long stagingCohort;

    String staging;

    String production;

    int version;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new PromotionFixtures(mvc, jdbc, TestTokens.bearer(context, Role.OPERATOR));
        ci = TestTokens.create(context, Role.CI);
        stagingCohort = fixtures.cohort(4);
        staging = unique("staging");
        fixtures.template(templateBody(staging, stagingCohort, "\"startMode\": \"NOW\""));
        production = unique("production");
        String gate = """
                "gates": [{"name": "staging-verified", "minSucceeded": 3, "cohortId": %d}]""".formatted(stagingCohort);
        fixtures.template(templateBody(production, fixtures.cohort(3), gate));
        version = PromotionFixtures.nextFirmwareVersion();
    }

    @Test
    void aReleaseThatNeverRanBeforeIsRefusedNamingTheGate() throws Exception {
        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type", endsWith("/promotion-gate-failed")))
            .andExpect(jsonPath("$.gate").value("staging-verified"))
            .andExpect(jsonPath("$.reason").value("NO_EARLIER_ROLLOUT"))
            .andExpect(jsonPath("$.detail", containsString("staging-verified")));

        assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isZero();
    }

    @Test
    void tooFewVerifiedDevicesInTheStagingRolloutRefuseThePromotion() throws Exception {
        long stagingRollout = promoteToStaging();
        List<String> devices = fixtures.members(stagingCohort);
        fixtures.finishDevice(stagingRollout, devices.get(0), "SUCCEEDED");
        fixtures.finishDevice(stagingRollout, devices.get(1), "SUCCEEDED");

        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.reason").value("TOO_FEW_SUCCEEDED"))
            .andExpect(jsonPath("$.gates[0].rolloutId").value(stagingRollout))
            .andExpect(jsonPath("$.gates[0].succeeded").value(2))
            .andExpect(jsonPath("$.gates[0].minSucceeded").value(3));

        assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isEqualTo(1);
    }

    @Test
    void aDeviceSilentInSafeModeRefusesThePromotionEvenWithEnoughVerifiedDevices() throws Exception {
        long stagingRollout = promoteToStaging();
        List<String> devices = fixtures.members(stagingCohort);
        fixtures.finishDevices(stagingRollout, "SUCCEEDED");
        fixtures.finishDevice(stagingRollout, devices.get(3), "SILENT_IN_SAFE_MODE");

        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.reason").value("DEVICES_FAILED"))
            .andExpect(jsonPath("$.gates[0].failedCount").value(1))
            .andExpect(jsonPath("$.gates[0].failedDevices[0].deviceId").value(devices.get(3)))
            .andExpect(jsonPath("$.gates[0].failedDevices[0].state").value("SILENT_IN_SAFE_MODE"));
    }

    @Test
    void enoughVerifiedDevicesAndNoFailuresLetThePromotionThrough() throws Exception {
        long stagingRollout = promoteToStaging();
        List<String> devices = fixtures.members(stagingCohort);
        devices.subList(0, 3).forEach(d -> fixtures.finishDevice(stagingRollout, d, "SUCCEEDED"));
        fixtures.finishDevice(stagingRollout, devices.get(3), "TIMED_OUT");

        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.gates[0].gate").value("staging-verified"))
            .andExpect(jsonPath("$.gates[0].passed").value(true))
            .andExpect(jsonPath("$.gates[0].reason").value("PASSED"))
            .andExpect(jsonPath("$.firmwareCreated").value(false));

        assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isEqualTo(2);
    }

    @Test
    void verifiedDevicesOfAnotherCohortDoNotCountForACohortGate() throws Exception {
        String elsewhere = unique("elsewhere");
        fixtures.template(templateBody(elsewhere, fixtures.cohort(3), "\"startMode\": \"NOW\""));
        String body = fixtures.promote(ci.header(), unique("k"), promotionBody(elsewhere, version, "v"))
            .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        fixtures.finishDevices(((Number) JsonPath.read(body, "$.rollout.id")).longValue(), "SUCCEEDED");

        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.reason").value("NO_EARLIER_ROLLOUT"));
    }

    @Test
    void everyGateDecisionIsAudited() throws Exception {
        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isConflict());
        long stagingRollout = promoteToStaging();
        fixtures.finishDevices(stagingRollout, "SUCCEEDED");
        fixtures.promote(ci.header(), unique("k"), promotionBody(production, version, "v"))
            .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/audit").param("actor", ci.name()).param("action", "promotion.gate")
            .header(AUTHORIZATION, ci.header()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.totalItems").value(2))
            .andExpect(jsonPath("$.items[0].outcome").value("SUCCESS"))
            .andExpect(jsonPath("$.items[0].detail.gates[0].reason").value("PASSED"))
            .andExpect(jsonPath("$.items[1].outcome").value("REJECTED"))
            .andExpect(jsonPath("$.items[1].detail.gates[0].reason").value("NO_EARLIER_ROLLOUT"));
    }

    private long promoteToStaging() throws Exception {
        String body = fixtures.promote(ci.header(), unique("k"), promotionBody(staging, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.rollout.status").value("RUNNING"))
            .andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.rollout.id")).longValue();
    }

}
