package dev.fleetota.particlesim;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REST contract of §2–§8 as a client sees it: auth errors, paging, key sets, bodies, firmware, groups. */
class ApiContractTests {

    private static ParticleSimulator sim;
    private static SimClient client;
    private static String boron;
    private static String electron;

    @BeforeAll
    static void start() {
        sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(1000).strict(true).build());
        client = new SimClient(sim);
        sim.addFirmware(1, "1.5.2");
        sim.addFirmware(2, "2.3.1");
        boron = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2").withName("pump-1")).id();
        electron = sim.addDevice(DeviceSpec.of(Platform.ELECTRON).withName("meter-1")).id();
        for (int i = 0; i < 28; i++) {
            sim.addDevice(DeviceSpec.of(Platform.P2).withDeviceOs("5.5.0").withGroups(List.of("wave-" + i % 3)));
        }
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String product(String path) {
        return "/v1/products/" + sim.productId() + path;
    }

    @Test
    void unknownTokenIsRejectedWith401AndParticlesBody() {
        HttpResponse<String> response = new SimClient(sim.baseUrl(), "0123456789abcdef").get(product("/devices"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token provided is invalid.\"}");
    }

    @Test
    void anotherProductIsForbiddenWith403AndParticlesBody() {
        HttpResponse<String> response = client.get("/v1/products/999/devices");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"ok\":false,\"error\":\"Permission Denied\"}");
    }

    @Test
    void productSlugAndQueryParameterTokenAreAccepted() {
        HttpResponse<String> response = new SimClient(sim.baseUrl(), null)
                .get("/v1/products/" + sim.productSlug() + "/devices?access_token=" + sim.accessToken());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void pagingHonoursPerPageAndPerPageWithUnderscore() {
        JsonNode camel = client.getJson(product("/devices?perPage=10&page=3&sortAttr=deviceId&sortDir=asc"));
        JsonNode snake = client.getJson(product("/devices?per_page=7"));
        JsonNode fallback = client.getJson(product("/devices"));

        assertThat(camel.get("meta").get("total_pages").asInt()).isEqualTo(3);
        assertThat(camel.get("devices").size()).isEqualTo(10);
        assertThat(snake.get("meta").get("total_pages").asInt()).isEqualTo(5);
        assertThat(snake.get("devices").size()).isEqualTo(7);
        assertThat(fallback.get("devices").size()).isEqualTo(25);
        assertThat(fallback.get("customers").isArray()).isTrue();
    }

    @Test
    void pagingSortedByIdVisitsEveryDeviceOnce() {
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 3; page++) {
            client.getJson(product("/devices?perPage=12&sortAttr=deviceId&page=" + page)).get("devices").values()
                    .forEach(d -> seen.add(d.get("id").asString()));
        }

        assertThat(seen).hasSize(30);
    }

    @Test
    void listEntriesOmitLastHeardAndAnUnsetLockButTheDetailHasTheDeprecatedAliases() {
        JsonNode entry = client.getJson(product("/devices?deviceName=pump-1")).get("devices").get(0);
        JsonNode detail = client.getJson(product("/devices/" + boron));
        JsonNode sandbox = client.getJson("/v1/devices/" + boron);

        assertThat(entry.has("last_heard")).isFalse();
        assertThat(entry.has("desired_firmware_version")).isFalse();
        assertThat(entry.get("targeted_firmware_release_version").isNull()).isTrue();
        assertThat(detail.get("connected").asBoolean()).isEqualTo(detail.get("online").asBoolean());
        assertThat(detail.get("last_iccid").asString()).isEqualTo(detail.get("iccid").asString());
        assertThat(detail.get("current_build_target").asString()).isEqualTo("4.0.2");
        assertThat(detail.has("last_heard")).isTrue();
        assertThat(sandbox.get("id").asString()).isEqualTo(boron);
    }

    @Test
    void filtersByGroupsAndSerialNumber() {
        JsonNode wave = client.getJson(product("/devices?groups=wave-0,wave-1&perPage=100"));
        String serial = sim.device(electron).id();
        JsonNode bySerial = client.getJson(product("/devices?serialNumber=E26KAB"));

        assertThat(wave.get("devices").size()).isEqualTo(19);
        assertThat(bySerial.get("devices").size()).isEqualTo(1);
        assertThat(bySerial.get("devices").get(0).get("id").asString()).isEqualTo(serial);
    }

    @Test
    void formBodiesSetGroupsWithBracketsAndUnlockWithNull() {
        HttpResponse<String> groups = client.putForm(product("/devices/" + electron), "groups[]=canary&groups[]=eu");
        client.putForm(product("/devices/" + electron), "desired_firmware_version=2");
        HttpResponse<String> unlock = client.putForm(product("/devices/" + electron), "desired_firmware_version=null");

        assertThat(SimClient.json(groups).get("groups").toString()).isEqualTo("[\"canary\",\"eu\"]");
        assertThat(SimClient.json(groups).has("updated_at")).isTrue();
        assertThat(SimClient.json(unlock).get("desired_firmware_version").isNull()).isTrue();
        assertThat(sim.device(electron).desiredFirmwareVersion()).isNull();
        assertThat(client.getJson(product("/groups/canary")).get("group").get("device_count").asInt()).isEqualTo(1);
    }

    @Test
    void batchUpdateAddsAndRemovesGroups() {
        String body = "{\"action\":\"groups\",\"devices\":[\"" + boron + "\"],\"metadata\":{\"add\":[\"batch-a\"],"
                + "\"remove\":[\"nothing\"]}}";

        HttpResponse<String> response = client.putJson(product("/devices"), body);

        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(sim.device(boron).groups()).contains("batch-a");
    }

    @Test
    void invalidGroupNamesAreRejected() {
        HttpResponse<String> response = client.postJson(product("/groups"), "{\"name\":\"Bad Name\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void multipartUploadWithTheFileFieldCreatesFirmwareAndEmitsTheEvent() throws Exception {
        try (SseRecorder stream = SseRecorder.open(sim.baseUrl() + product("/events/particle"), sim.accessToken())) {
            String boundary = "sim-boundary";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n9\r\n--"
                    + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nnine\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"device_os_version\"\r\n\r\n4.2.0\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"app.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\nBINARY\r\n--" + boundary + "--\r\n";

            HttpResponse<String> response = client.send(client.builder(product("/firmware"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !stream.events.isEmpty());

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode fw = SimClient.json(response);
            assertThat(fw.get("version").asInt()).isEqualTo(9);
            assertThat(fw.get("size").asInt()).isEqualTo(6);
            assertThat(fw.get("name").asString()).isEqualTo("app.bin");
            assertThat(fw.get("device_os_version").asString()).isEqualTo("4.2.0");
            assertThat(stream.events.get(0).name()).isEqualTo("particle/firmware/create");
            assertThat(stream.events.get(0).data()).isEqualTo("{\"version\":\"9\"}");
            assertThat(stream.events.get(0).coreid()).isEqualTo("api");
        }
    }

    @Test
    void releasingAVersionThatNeverRanIsRejected() {
        sim.addFirmware(7, "2.3.1");

        HttpResponse<String> response = client.putJson(product("/firmware/release"), "{\"version\":7}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimClient.json(response).get("ok").asBoolean()).isFalse();
    }

    @Test
    void releasingToAGroupSetsTheTargetOfItsDevices() {
        HttpResponse<String> response = client.putJson(product("/firmware/release"),
                "{\"version\":1,\"groups\":[\"wave-2\"],\"intelligent\":false}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(response).get("groups").toString()).isEqualTo("[\"wave-2\"]");
        JsonNode entry = client.getJson(product("/devices?groups=wave-2")).get("devices").get(0);
        assertThat(entry.get("targeted_firmware_release_version").asInt()).isEqualTo(1);
        assertThat(client.getJson(product("/groups/wave-2")).get("group").get("fw_version").asInt()).isEqualTo(1);
    }

    @Test
    void deviceOsVersionsAreSeededPerPlatformGeneration() {
        JsonNode electronVersions = client.getJson("/v1/device-os/versions?platform_id=10&per_page=50");
        JsonNode boronVersions = client.getJson("/v1/device-os-versions?platform_id=13&per_page=50");
        JsonNode p2Detail = client.getJson("/v1/device-os/versions/6.1.1?platform_id=32");

        assertThat(electronVersions.get("versions").values()).allSatisfy(
                v -> assertThat(v.get("internal_version").asInt()).isLessThan(4000));
        assertThat(boronVersions.get("versions").values()).allSatisfy(
                v -> assertThat(v.get("internal_version").asInt()).isBetween(4000, 6999));
        assertThat(boronVersions.get("meta").get("total").asInt()).isEqualTo(boronVersions.get("versions").size());
        assertThat(p2Detail.get("modules").get(1).get("prefixInfo").get("moduleFunction").asString())
                .isEqualTo("system_part");
        assertThat(client.get("/v1/device-os/versions/6.1.1?platform_id=10").statusCode()).isEqualTo(404);
    }

    @Test
    void deviceFunctionReturnsOneOrTheInjectedValue() {
        String faulty = client.getJson(product("/devices?groups=wave-1")).get("devices").get(0).get("id").asString();
        sim.setFault(faulty, Fault.NONE.withFunctionReturnValue(-1));

        JsonNode ok = SimClient.json(client.postJson(product("/devices/" + boron + "/prepareOta"), "{\"arg\":\"x\"}"));
        JsonNode failed = SimClient.json(client.postJson(product("/devices/" + faulty + "/prepareOta"), "{}"));
        HttpResponse<String> unknown = client.postJson(product("/devices/" + boron + "/nope"), "{}");

        assertThat(ok.get("return_value").asInt()).isEqualTo(1);
        assertThat(ok.get("connected").asBoolean()).isTrue();
        assertThat(failed.get("return_value").asInt()).isEqualTo(-1);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void pingAndDiagnosticsAnswerInParticlesShapes() {
        JsonNode ping = SimClient.json(client.putJson(product("/devices/" + boron + "/ping"), "{}"));
        JsonNode last = client.getJson(product("/diagnostics/" + boron + "/last"));
        HttpResponse<String> refresh = client.postJson("/v1/diagnostics/" + boron + "/update", "{}");

        assertThat(ping.toString()).isEqualTo("{\"online\":true,\"ok\":true}");
        assertThat(last.get("diagnostics").get("deviceID").asString()).isEqualTo(boron);
        assertThat(last.get("diagnostics").get("payload").get("device").get("power").has("battery")).isTrue();
        assertThat(refresh.statusCode()).isEqualTo(202);
    }

    @Test
    void unknownDeviceIsNotFoundOnTheProductRouteAndForbiddenOnTheSandboxRoute() {
        assertThat(client.get(product("/devices/e00fce68ffffffffffffffff")).statusCode()).isEqualTo(404);
        assertThat(client.get("/v1/devices/e00fce68ffffffffffffffff").statusCode()).isEqualTo(403);
    }

}
