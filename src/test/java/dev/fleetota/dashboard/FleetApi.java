package dev.fleetota.dashboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's REST API over real HTTP with one token: how the browser tests set up and check rollouts. */
final class FleetApi {

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private final String bearer;

    FleetApi(int port, String bearer) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
        this.bearer = bearer;
    }

    /**
     * A sync that includes the devices added just now: while another one runs (the periodic or the stream's
     * reconnect sync, answered 409 {@code sync-in-progress}), waits and asks again, for at most 60 s.
     */
    void syncDevices() {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(base + "/devices/sync"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("")));
            if (response.statusCode() != 409 || System.nanoTime() > end) {
                assertThat(response.statusCode()).as(response.uri() + " -> " + response.body()).isEqualTo(200);
                return;
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    long registerFirmware(int productId, int version, String deviceOs, int platformId) {
        return idOf(post("/firmware", """
                {"productId": %d, "version": %d, "deviceOsVersion": "%s", "platformIds": [%d], "title": "v%d"}
                """.formatted(productId, version, deviceOs, platformId, version), 201));
    }

    long createCohort(String name, List<String> deviceIds) {
        String ids = deviceIds.stream().map(id -> "\"" + id + "\"").toList().toString();
        return idOf(post("/cohorts", "{\"name\": \"" + name + "\", \"deviceIds\": " + ids + "}", 201));
    }

    long createRollout(String name, long firmwareId, long cohortId, String policyJson) {
        return idOf(post("/rollouts", "{\"name\": \"" + name + "\", \"firmwareId\": " + firmwareId
                + ", \"cohortIds\": [" + cohortId + "], \"policy\": " + policyJson + "}", 201));
    }

    List<String> canary(long rolloutId) {
        return JsonPath.read(get("/rollouts/" + rolloutId + "/plan"), "$.batches[0].deviceIds");
    }

    String status(long rolloutId) {
        return JsonPath.read(get("/rollouts/" + rolloutId), "$.status");
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    private String post(String path, String json, int expected) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)), expected);
    }

    private String send(HttpRequest.Builder request, int expected) {
        HttpResponse<String> response = exchange(request);
        assertThat(response.statusCode()).as(response.uri() + " -> " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static long idOf(String json) {
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

}
