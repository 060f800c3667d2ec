package dev.fleetota.particle;

import java.util.concurrent.TimeUnit;

import dev.fleetota.IntegrationTest;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.fleetota.particle.ParticleTestSupport.json;
import static dev.fleetota.particle.ParticleTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The Device OS endpoint, the problem mapping of Particle failures, and the health indicator, in the full app. */
@IntegrationTest
class ParticleWebTests {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private static final MockWebServer SERVER = new MockWebServer();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void particleIsTheMockServer(DynamicPropertyRegistry registry) throws Exception {
        SERVER.start();
        registry.add("fleetota.particle.base-url", () -> SERVER.url("/").toString());
        registry.add("fleetota.particle.access-token", () -> TOKEN);
        registry.add("fleetota.particle.product", () -> "30301");
        registry.add("fleetota.particle.max-retries", () -> "0");
    }

    @BeforeEach
    void forgetEarlierRequests() throws Exception {
        while (SERVER.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // drained
        }
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Test
    void deviceOsVersionsAreListedForAPlatform() throws Exception {
        SERVER.enqueue(ok("{\"versions\":[{\"version\":\"6.2.0\",\"internal_version\":6200,\"state\":\"released\","
                + "\"supported_platforms\":[13,32]}],\"meta\":{\"total\":1}}"));

        mvc.perform(get("/api/v1/device-os-versions").param("platformId", "13").with(user("v").roles("VIEWER")))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].version").value("6.2.0"))
            .andExpect(jsonPath("$[0].supportedPlatforms[1]").value(32));

        assertThat(SERVER.takeRequest().getUrl().queryParameter("platform_id")).isEqualTo("13");
    }

    @Test
    void aParticleOutageBecomesABadGatewayProblemWithoutTheToken() throws Exception {
        SERVER.enqueue(json(500, "{\"error\":\"boom " + TOKEN + "\"}"));

        String body = mvc.perform(get("/api/v1/device-os-versions").with(user("v").roles("VIEWER")))
            .andExpect(status().isBadGateway())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/particle-error"))
            .andReturn()
            .getResponse()
            .getContentAsString();

        assertThat(body).doesNotContain(TOKEN);
    }

    @Test
    void healthShowsTheLastCallButNeverTheToken() throws Exception {
        SERVER.enqueue(ok("{\"versions\":[],\"meta\":{\"total\":0}}"));
        mvc.perform(get("/api/v1/device-os-versions").with(user("v").roles("VIEWER"))).andExpect(status().isOk());

        String body = mvc.perform(get("/actuator/health/particle").with(user("v").roles("VIEWER")))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.status").value("UP"))
            .andExpect(jsonPath("$.details.configured").value(true))
            .andExpect(jsonPath("$.details.lastCall").value("list-device-os-versions"))
            .andExpect(jsonPath("$.details.lastOutcome").value("success"))
            .andReturn()
            .getResponse()
            .getContentAsString();

        assertThat(body).doesNotContain(TOKEN);
    }

}
