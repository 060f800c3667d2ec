package dev.fleetota.security;

import java.util.List;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class TokenApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void adminCreatesATokenAndSeesItsSecretOnce() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);

        mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, admin)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"ci-main\",\"role\":\"CI\"}"))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.LOCATION, startsWith("http://localhost/api/v1/tokens/")))
            .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
            .andExpect(jsonPath("$.name").value("ci-main"))
            .andExpect(jsonPath("$.role").value("CI"))
            .andExpect(jsonPath("$.token").value(startsWith("fo_")));
    }

    @Test
    void aCreatedTokenAuthenticatesWithItsRole() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);
        String secret = createToken(admin, "viewer-for-login", "VIEWER");

        mvc.perform(get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
            .andExpect(status().isOk());
        mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
            .andExpect(status().isForbidden());
    }

    @Test
    void tokensAreStoredOnlyAsSha256Hashes() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);

        String secret = createToken(admin, "hashed-check", "VIEWER");

        String stored = jdbc.queryForObject("select token_hash from api_token where name = 'hashed-check'",
                String.class);
        assertThat(stored).isEqualTo(TokenSecrets.hash(secret)).matches("[0-9a-f]{64}");
        Integer leaks = jdbc.queryForObject("select count(*) from api_token t where t::text like ?", Integer.class,
                "%" + secret + "%");
        Integer auditLeaks = jdbc.queryForObject("select count(*) from audit_entry a where a::text like ?",
                Integer.class, "%" + secret + "%");
        assertThat(leaks).isZero();
        assertThat(auditLeaks).isZero();
    }

    @Test
    void generatedSecretsHaveAtLeast128RandomBits() {
        String secret = TokenSecrets.generate();

        assertThat(secret).startsWith("fo_").hasSize(3 + 43).isNotEqualTo(TokenSecrets.generate());
    }

    @Test
    void listShowsTokensWithoutSecretsOrHashes() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);
        createToken(admin, "listed-token", "OPERATOR");

        mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, admin))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[*].name", hasItems("admin", "listed-token")))
            .andExpect(jsonPath("$[*].token").doesNotExist())
            .andExpect(jsonPath("$[*].tokenHash").doesNotExist());
    }

    @Test
    void revokingATokenIsAudited() throws Exception {
        TestTokens.TestToken admin = TestTokens.create(context, Role.ADMIN);
        TestTokens.TestToken victim = TestTokens.create(context, Role.VIEWER);

        mvc.perform(delete("/api/v1/tokens/{id}", victim.id()).header(HttpHeaders.AUTHORIZATION, admin.header()))
            .andExpect(status().isNoContent());

        List<String> entries = jdbc.queryForList("select actor || ' ' || outcome from audit_entry"
                + " where action = 'token.revoke' and resource_id = ?", String.class, String.valueOf(victim.id()));
        assertThat(entries).containsExactly(admin.name() + " SUCCESS");
    }

    @Test
    void revokingAnUnknownTokenIsA404() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);

        mvc.perform(delete("/api/v1/tokens/{id}", 987654321L).header(HttpHeaders.AUTHORIZATION, admin))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/not-found"));
    }

    @Test
    void duplicateTokenNameIsRejectedWith409() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);
        createToken(admin, "duplicate-name", "VIEWER");

        mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, admin)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"duplicate-name\",\"role\":\"CI\"}"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/token-name-taken"));
    }

    @Test
    void invalidTokenRequestListsEveryBadField() throws Exception {
        String admin = TestTokens.bearer(context, Role.ADMIN);

        mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, admin)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"bad/name\",\"role\":\"ROOT\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/validation"))
            .andExpect(jsonPath("$.errors[*].field", hasItems("name", "role")));
    }

    @ParameterizedTest
    @EnumSource(names = { "VIEWER", "OPERATOR", "CI" })
    void onlyAdminsManageTokens(Role role) throws Exception {
        String token = TestTokens.bearer(context, role);

        mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"escalate-" + role + "\",\"role\":\"ADMIN\"}"))
            .andExpect(status().isForbidden())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/forbidden"));
        mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, token))
            .andExpect(status().isForbidden());
    }

    @Test
    void aRefusedMutationLeavesOnlyARejectedAuditEntry() throws Exception {
        TestTokens.TestToken operator = TestTokens.create(context, Role.OPERATOR);

        mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, operator.header())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"never-created\",\"role\":\"ADMIN\"}")).andExpect(status().isForbidden());

        List<String> entries = jdbc.queryForList(
                "select action || ' ' || outcome || ' ' || resource_id from audit_entry where actor = ?", String.class,
                operator.name());
        assertThat(entries).containsExactly("access.denied REJECTED /api/v1/tokens");
        assertThat(jdbc.queryForObject("select count(*) from api_token where name = 'never-created'", Integer.class))
            .isZero();
    }

    @Test
    void theLastActiveAdminTokenCannotBeRevoked() throws Exception {
        TestTokens.TestToken admin = TestTokens.create(context, Role.ADMIN);
        jdbc.update("update api_token set revoked_at = now() where role = 'ADMIN' and revoked_at is null and id <> ?",
                admin.id());

        mvc.perform(delete("/api/v1/tokens/{id}", admin.id()).header(HttpHeaders.AUTHORIZATION, admin.header()))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/last-admin-token"));
    }

    @Test
    void theFirstStartCreatedAnAdminToken() {
        String role = jdbc.queryForObject("select role from api_token where name = 'admin'", String.class);

        assertThat(role).isEqualTo("ADMIN");
    }

    private String createToken(String admin, String name, String role) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, admin)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}"))
            .andExpect(status().isCreated())
            .andReturn();
        String body = result.getResponse().getContentAsString();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

}
