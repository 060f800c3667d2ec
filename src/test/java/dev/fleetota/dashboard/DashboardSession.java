package dev.fleetota.dashboard;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.TestDevices;
import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.security.Role;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Signs in to the dashboard through its real form (MockMvc) and makes rollouts for the page tests. */
final class DashboardSession {

    private DashboardSession() {
    }

    /** The raw secret of a test token (without "Bearer "). */
    static String secret(TestToken token) {
        return token.header().substring("Bearer ".length());
    }

    /** A new token of {@code role}, signed in: the session to send with later requests. */
    static MockHttpSession signIn(MockMvc mvc, ApplicationContext context, Role role) throws Exception {
        return signIn(mvc, TestTokens.create(context, role));
    }

    static MockHttpSession signIn(MockMvc mvc, TestToken token) throws Exception {
        MvcResult result = mvc.perform(post("/ui/login").param("token", secret(token)).with(csrf()))
            .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/ui");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /** A DRAFT rollout of {@code devices} online Borons on Device OS 4.0.2 to firmware that needs 4.2.0. */
    static long draftRollout(MockMvc mvc, ApplicationContext context, JdbcTemplate jdbc, String name, int devices)
            throws Exception {
        String operator = TestTokens.bearer(context, Role.OPERATOR);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add("\"" + TestDevices.device().platform(13).deviceOs("4.0.2").online(true).insert(jdbc) + "\"");
        }
        int version = 1000 + Math.abs(name.hashCode() % 100_000);
        long firmware = idOf(postJson(mvc, operator, "/api/v1/firmware", """
                {"productId": 30301, "version": %d, "deviceOsVersion": "4.2.0", "platformIds": [13], "title": "%s"}
                """.formatted(version, name)));
        long cohort = idOf(postJson(mvc, operator, "/api/v1/cohorts",
                "{\"name\": \"" + name + "\", \"deviceIds\": " + ids + "}"));
        return idOf(postJson(mvc, operator, "/api/v1/rollouts", """
                {"name": "%s", "firmwareId": %d, "cohortIds": [%d], "policy": {"batches": {"canarySize": 1}}}
                """.formatted(name, firmware, cohort)));
    }

    private static String postJson(MockMvc mvc, String operator, String path, String body) throws Exception {
        var response = mvc.perform(post(path).header("Authorization", operator)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path + " -> " + response.getContentAsString()).isEqualTo(201);
        return response.getContentAsString();
    }

    private static long idOf(String json) {
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

}
