package dev.fleetota.security;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AuthenticationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiSecurityProperties properties;

    @Test
    void requestWithoutATokenIsRejectedWith401Problem() throws Exception {
        mvc.perform(get("/api/v1/audit"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/unauthorized"))
            .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void unknownTokenIsRejectedWith401() throws Exception {
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, "Bearer fo_not-a-real-token"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")))
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/unauthorized"));
    }

    @Test
    void nonBearerSchemeIsRejectedWith401() throws Exception {
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4="))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void validTokenAuthenticatesTheRequest() throws Exception {
        String viewer = TestTokens.bearer(context, Role.VIEWER);

        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, viewer)).andExpect(status().isOk());
    }

    /** Also when the token was just used (and is cached): revoking through this instance drops it at once. */
    @Test
    void revokedTokenIsRejectedWith401() throws Exception {
        TestTokens.TestToken token = TestTokens.create(context, Role.OPERATOR);
        String admin = TestTokens.bearer(context, Role.ADMIN);
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()))
            .andExpect(status().isOk());
        mvc.perform(delete("/api/v1/tokens/{id}", token.id()).header(HttpHeaders.AUTHORIZATION, admin))
            .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()))
            .andExpect(status().isUnauthorized());
    }

    /** Another instance revoking (here: SQL) is seen within the token cache TTL, not at once. */
    @Test
    void aTokenRevokedElsewhereIsRefusedOnceTheCacheTtlHasPassed() throws Exception {
        TestTokens.TestToken token = TestTokens.create(context, Role.VIEWER);
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()))
            .andExpect(status().isOk());
        long revokedAt = System.nanoTime();
        jdbc.update("update api_token set revoked_at = now() where id = ?", token.id());

        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()))
            .andExpect(status().isOk()); // cached: no database lookup for a token verified within the TTL
        Thread.sleep(Math.max(0, properties.tokenCacheTtl().toMillis() - (System.nanoTime() - revokedAt) / 1_000_000));
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()))
            .andExpect(status().isUnauthorized());
    }

    @Test
    void lastUsedAtIsWrittenOnFirstUseAndNotOnEveryRequest() throws Exception {
        TestTokens.TestToken token = TestTokens.create(context, Role.VIEWER);

        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()));
        Object first = lastUsedAt(token.id());
        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, token.header()));
        Object second = lastUsedAt(token.id());

        assertThat(first).isNotNull();
        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/devices", "/api/v1/firmware", "/api/v1/cohorts", "/api/v1/audit",
            "/api/v1/tokens" })
    void everyKindOfEndpointRejectsMissingAndUnknownTokens(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer fo_unknown"))
            .andExpect(status().isUnauthorized());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleReadsMetricsThroughTheRoleHierarchy(Role role) throws Exception {
        mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(context, role)))
            .andExpect(status().isOk());
    }

    @Test
    void healthIsOpen() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void prometheusNeedsAToken() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/unauthorized"));
    }

    @Test
    void prometheusIsServedToAViewer() throws Exception {
        String viewer = TestTokens.bearer(context, Role.VIEWER);

        mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, viewer))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("jvm_")));
    }

    @Test
    void openApiDocumentIsOpenAndDeclaresTheBearerScheme() throws Exception {
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
            .andExpect(jsonPath("$.paths['/api/v1/tokens']").exists());
    }

    @Test
    void swaggerUiIsOpen() throws Exception {
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void otherPathsNeedAToken() throws Exception {
        mvc.perform(get("/actuator/info")).andExpect(status().isUnauthorized());
    }

    private Object lastUsedAt(long id) {
        return jdbc.queryForObject("select last_used_at from api_token where id = ?", Object.class, id);
    }

}
