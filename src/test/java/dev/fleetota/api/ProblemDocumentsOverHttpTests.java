package dev.fleetota.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.fleetota.TestTokens;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the OpenAPI fuzzer (bench/fuzz) found answered with a 500, Tomcat's HTML page or Spring Boot's default
 * error JSON; each must be a 4xx RFC 9457 problem document. Over real HTTP: several are refused before MockMvc's
 * entry point (by Tomcat's URI and parameter parsing, or Spring Security's firewall).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProblemDocumentsOverHttpTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private String viewer;

    @BeforeEach
    void token() {
        viewer = TestTokens.bearer(context, Role.VIEWER);
    }

    @Test
    void pageBeyondTheAddressableRowsIsAValidationProblem() throws Exception {
        HttpResponse<String> response = get("/api/v1/cohorts?page=1000000000", viewer);

        assertProblem(response, 400, "https://fleet-ota.dev/problems/validation");
        assertThat(JSON.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo("page");
    }

    @Test
    void undecodableQueryParameterIsAMalformedRequest() throws Exception {
        assertProblem(get("/api/v1/cohorts?fuzz=%FF%FE", viewer), 400, "https://fleet-ota.dev/problems/malformed-request");
    }

    @Test
    void pathRejectedBySpringSecuritysFirewallIsAProblem() throws Exception {
        assertProblem(get("/api/v1/cohorts/a;b=c", viewer), 400, "https://fleet-ota.dev/problems/malformed-request");
        assertProblem(get("/api/v1/rollouts/%2e%2e/plan", viewer), 400,
                "https://fleet-ota.dev/problems/malformed-request");
    }

    @Test
    void pathRejectedByTomcatIsAProblem() throws Exception {
        assertProblem(get("/api/v1/cohorts/%2F", viewer), 400, "https://fleet-ota.dev/problems/malformed-request");
        assertProblem(get("/api/v1/cohorts/%00", viewer), 400, "https://fleet-ota.dev/problems/malformed-request");
    }

    @Test
    void headerLargerThanTomcatsLimitIsAProblem() throws Exception {
        assertProblem(get("/api/v1/cohorts", "Bearer " + "z".repeat(9000)), 400,
                "https://fleet-ota.dev/problems/malformed-request");
    }

    @Test
    void errorPathRequestedDirectlyIsNotFoundAndNotInTheApiDocument() throws Exception {
        assertProblem(get("/error", viewer), 404, "https://fleet-ota.dev/problems/not-found");
        assertThat(get("/v3/api-docs", viewer).body()).doesNotContain("\"/error\"");
    }

    private HttpResponse<String> get(String path, String auth) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", auth)
            .GET()
            .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

}
