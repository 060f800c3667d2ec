package dev.fleetota.security;

import dev.fleetota.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@TestPropertySource(properties = "fleetota.security.admin-token=" + ConfiguredAdminTokenTests.SECRET)
class ConfiguredAdminTokenTests {

    static final String SECRET = "configured-admin-secret-for-tests-0123456789";

    @Autowired
    MockMvc mvc;

    @Test
    void theConfiguredSecretBecomesTheFirstAdminToken() throws Exception {
        mvc.perform(get("/api/v1/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + SECRET))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].name").value("admin"))
            .andExpect(jsonPath("$[0].role").value("ADMIN"));
    }

}
