package dev.fleetota.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fleetota.promotion.PromotionFixtures.promotionBody;
import static dev.fleetota.promotion.PromotionFixtures.templateBody;
import static dev.fleetota.promotion.PromotionFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PromotionIdempotencyTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    PromotionFixtures fixtures;

    String ci;

    String template;

    int version;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new PromotionFixtures(mvc, jdbc, TestTokens.bearer(context, Role.OPERATOR));
        ci = TestTokens.bearer(context, Role.CI);
        template = unique("staging");
        fixtures.template(templateBody(template, fixtures.cohort(3), null));
        version = PromotionFixtures.nextFirmwareVersion();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheSameResultWithoutASecondRollout() throws Exception {
        String key = unique("promote-0123abc");
        String first = fixtures.promote(ci, key, promotionBody(template, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "false"))
            .andReturn().getResponse().getContentAsString();

        String second = fixtures.promote(ci, key, promotionBody(template, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "true"))
            .andReturn().getResponse().getContentAsString();

        assertThat((Object) JsonPath.read(second, "$.rollout.id")).isEqualTo(JsonPath.read(first, "$.rollout.id"));
        assertThat((Object) JsonPath.read(second, "$.promotionId")).isEqualTo(JsonPath.read(first, "$.promotionId"));
        assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isEqualTo(1);
    }

    @Test
    void theSameBodyWithOtherKeyOrderAndWhitespaceCountsAsTheSameRequest() throws Exception {
        String key = unique("promote");
        fixtures.promote(ci, key, promotionBody(template, version, "v")).andExpect(status().isCreated());
        String reordered = """
                {"firmware": {"gitSha": "0123abc", "title": "v", "platformIds": [13], "deviceOsVersion": "4.2.0",
                 "version": %d, "productId": %d}, "template": "%s"}""".formatted(version, PromotionFixtures.PRODUCT,
                template);

        fixtures.promote(ci, key, reordered)
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "true"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422Problem() throws Exception {
        String key = unique("promote");
        fixtures.promote(ci, key, promotionBody(template, version, "v")).andExpect(status().isCreated());
        int other = PromotionFixtures.nextFirmwareVersion();

        fixtures.promote(ci, key, promotionBody(template, other, "v"))
            .andExpect(status().isUnprocessableContent())
            .andExpect(jsonPath("$.type", endsWith("/idempotency-key-reused")))
            .andExpect(jsonPath("$.idempotencyKey").value(key));

        assertThat(fixtures.rolloutsOfFirmwareVersion(other)).isZero();
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneRolloutAndAllGetItsResult() throws Exception {
        String key = unique("promote-concurrent");
        String body = promotionBody(template, version, "v");
        int requests = 5;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MockHttpServletResponse>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                responses.add(pool.submit(() -> {
                    go.await();
                    return fixtures.promote(ci, key, body).andReturn().getResponse();
                }));
            }

            go.countDown();

            List<Object> rolloutIds = new ArrayList<>();
            for (Future<MockHttpServletResponse> response : responses) {
                MockHttpServletResponse r = response.get(60, TimeUnit.SECONDS);
                assertThat(r.getStatus()).isEqualTo(201);
                rolloutIds.add(JsonPath.read(r.getContentAsString(), "$.rollout.id"));
            }
            assertThat(rolloutIds).hasSize(requests).containsOnly(rolloutIds.get(0));
            assertThat(responses.stream().filter(f -> "false".equals(headerOf(f, "Idempotent-Replayed")))).hasSize(1);
            assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCiTokenWithoutAnIdempotencyKeyIsRefused() throws Exception {
        fixtures.promote(ci, null, promotionBody(template, version, "v"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type", endsWith("/idempotency-key-required")));

        assertThat(fixtures.rolloutsOfFirmwareVersion(version)).isZero();
    }

    @Test
    void anOperatorMayPromoteWithoutAKey() throws Exception {
        String operator = TestTokens.bearer(context, Role.OPERATOR);

        fixtures.promote(operator, null, promotionBody(template, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "false"));
    }

    @Test
    void aRefusedPromotionLeavesTheKeyFreeForTheRetry() throws Exception {
        String key = unique("promote");
        fixtures.promote(ci, key, promotionBody("no-such-template", version, "v")).andExpect(status().isNotFound());

        fixtures.promote(ci, key, promotionBody(template, version, "v"))
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "false"));
    }

    private static String headerOf(Future<MockHttpServletResponse> response, String name) {
        try {
            return response.get().getHeader(name);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
