package dev.fleetota.rollout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import dev.fleetota.FleetOtaApplication;
import dev.fleetota.TestTokens;
import dev.fleetota.security.Role;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole fleet-ota instance as it runs in production (scheduler, dispatcher threads, event stream, web server on a
 * free port), against a given database and the shared simulator; for restart and multi-instance scenarios.
 */
final class AppInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final String baseUrl;

    private final String token;

    private final HttpClient http = HttpClient.newHttpClient();

    private AppInstance(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.baseUrl = "http://127.0.0.1:" + port;
        this.token = TestTokens.bearer(context, Role.ADMIN);
    }

    static AppInstance start(String jdbcUrl, String name) {
        Map<String, Object> props = Map.ofEntries(Map.entry("spring.datasource.url", jdbcUrl),
                Map.entry("spring.datasource.username", "postgres"), Map.entry("spring.datasource.password", ""),
                Map.entry("server.port", "0"), Map.entry("fleetota.simulator.enabled", "false"),
                Map.entry("fleetota.particle.base-url", SimulatedFleet.SIM.baseUrl()),
                Map.entry("fleetota.particle.access-token", SimulatedFleet.SIM.accessToken()),
                Map.entry("fleetota.particle.product", String.valueOf(SimulatedFleet.SIM.productId())),
                Map.entry("fleetota.events.stream.enabled", "true"),
                Map.entry("fleetota.events.stream.keep-alive-timeout", "PT5S"),
                Map.entry("fleetota.events.stream.instance-id", name),
                Map.entry("fleetota.rollout.instance-id", name), Map.entry("fleetota.rollout.tick-interval", "PT0.2S"),
                Map.entry("fleetota.sync.interval", "PT1H"), Map.entry("fleetota.sync.reconnect-debounce", "PT1S"), Map.entry("fleetota.security.admin-token", ""),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "8"));
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetOtaApplication.class).run(args);
        return new AppInstance(context);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    String post(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
        return response.body();
    }

    /** POST /devices/sync, waiting (up to 30 s) while another sync runs (409: e.g. the reconnect sync at start). */
    void syncDevices() throws Exception {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                    + "/api/v1/devices/sync")).header("Authorization", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 409 || System.nanoTime() > end) {
                assertThat(response.statusCode()).as("/devices/sync -> " + response.body()).isEqualTo(200);
                return;
            }
            Thread.sleep(50);
        }
    }

    String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", token)
            .GET()
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }

    String status(long rolloutId) {
        try {
            return JsonPath.read(get("/api/v1/rollouts/" + rolloutId), "$.status");
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    int count(long rolloutId, String state) {
        try {
            return JsonPath.read(get("/api/v1/rollouts/" + rolloutId), "$.progress.byState." + state);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        context.close();
    }

}
