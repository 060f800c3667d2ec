package dev.fleetota.firmware;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.fleetota.IntegrationTest;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class FirmwareApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    TestToken ci;

    int product;

    @BeforeEach
    void setUp() {
        ci = TestTokens.create(context, Role.CI);
        product = ThreadLocalRandom.current().nextInt(1, 1_000_000_000);
    }

    @Test
    void ciRegistersARelease() throws Exception {
        register(ci, release(7))
            .andExpect(status().isCreated())
            .andExpect(header().string(HttpHeaders.LOCATION, startsWith("http://localhost/api/v1/firmware/")))
            .andExpect(jsonPath("$.productId").value(product))
            .andExpect(jsonPath("$.version").value(7))
            .andExpect(jsonPath("$.deviceOsVersion").value("6.1.0"))
            .andExpect(jsonPath("$.platformIds", contains(12, 13)))
            .andExpect(jsonPath("$.createdBy").value(ci.name()));
    }

    @Test
    void registrationIsAuditedInTheSameTransaction() throws Exception {
        String body = register(ci, release(8)).andReturn().getResponse().getContentAsString();
        String id = body.replaceAll(".*\"id\":(\\d+).*", "$1");

        List<String> entries = jdbc.queryForList("select actor || ' ' || outcome from audit_entry"
                + " where action = 'firmware.register' and resource_id = ?", String.class, id);
        assertThat(entries).containsExactly(ci.name() + " SUCCESS");
    }

    @Test
    void aDuplicateVersionIsA409NamingTheExistingRelease() throws Exception {
        String body = register(ci, release(9)).andReturn().getResponse().getContentAsString();
        long existing = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));

        register(ci, release(9))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/firmware-exists"))
            .andExpect(jsonPath("$.existingId").value(existing));
        assertThat(jdbc.queryForList("select outcome from audit_entry where action = 'firmware.register'"
                + " and resource_id = ? order by id", String.class, String.valueOf(existing)))
            .containsExactly("SUCCESS", "REJECTED");
    }

    @Test
    void everyInvalidFieldIsListed() throws Exception {
        String body = """
                {"productId": %d, "version": 0, "deviceOsVersion": "6.x", "platformIds": [13, 99],
                 "title": " ", "gitSha": "ABCDEF1"}""".formatted(product);

        register(ci, body)
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/validation"))
            .andExpect(jsonPath("$.errors[*].field",
                    containsInAnyOrder("version", "deviceOsVersion", "platformIds[1]", "title", "gitSha")));
    }

    @Test
    void emptyPlatformListIsRejected() throws Exception {
        register(ci, """
                {"productId": %d, "version": 1, "deviceOsVersion": "6.1.0", "platformIds": [], "title": "t"}"""
            .formatted(product)).andExpect(jsonPath("$.errors[*].field", contains("platformIds")));
    }

    @Test
    void anUnknownPropertyIsRejected() throws Exception {
        register(ci, """
                {"productId": %d, "version": 3, "deviceOsVersion": "6.1.0", "platformIds": [13], "title": "t",
                 "deviceOSVersion": "6.1.0"}""".formatted(product))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/malformed-request"))
            .andExpect(jsonPath("$.detail", containsString("deviceOSVersion")));
    }

    @Test
    void aViewerCannotRegister() throws Exception {
        register(TestTokens.create(context, Role.VIEWER), release(4)).andExpect(status().isForbidden());
    }

    @Test
    void anOperatorAndAnAdminCanRegister() throws Exception {
        register(TestTokens.create(context, Role.OPERATOR), release(5)).andExpect(status().isCreated());
        register(TestTokens.create(context, Role.ADMIN), release(6)).andExpect(status().isCreated());
    }

    @Test
    void listFiltersByProductNewestFirst() throws Exception {
        register(ci, release(1));
        register(ci, release(2));

        mvc.perform(get("/api/v1/firmware").param("productId", String.valueOf(product))
            .header(HttpHeaders.AUTHORIZATION, ci.header()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].version", contains(2, 1)))
            .andExpect(jsonPath("$.totalItems").value(2));
    }

    @Test
    void aReleaseIsReadById() throws Exception {
        String body = register(ci, release(10)).andReturn().getResponse().getContentAsString();
        String id = body.replaceAll(".*\"id\":(\\d+).*", "$1");

        mvc.perform(get("/api/v1/firmware/{id}", id).header(HttpHeaders.AUTHORIZATION, ci.header()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.title").value("Release 10"));
    }

    @Test
    void anUnknownReleaseIsA404() throws Exception {
        mvc.perform(get("/api/v1/firmware/{id}", 987654321L).header(HttpHeaders.AUTHORIZATION, ci.header()))
            .andExpect(status().isNotFound());
    }

    private ResultActions register(TestToken token, String body) throws Exception {
        return mvc.perform(post("/api/v1/firmware").header(HttpHeaders.AUTHORIZATION, token.header())
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
    }

    private String release(int version) {
        return """
                {"productId": %d, "version": %d, "deviceOsVersion": "6.1.0", "platformIds": [13, 12],
                 "title": "Release %d", "notes": "n", "gitSha": "0123abc", "checksum": "sha256:00"}"""
            .formatted(product, version, version);
    }

}
