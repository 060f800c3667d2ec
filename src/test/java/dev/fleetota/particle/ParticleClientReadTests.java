package dev.fleetota.particle;

import java.util.List;
import java.util.Optional;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.fleetota.particle.ParticleTestSupport.DEVICE;
import static dev.fleetota.particle.ParticleTestSupport.json;
import static dev.fleetota.particle.ParticleTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Firmware, groups, Device OS versions, diagnostics, functions and ping (§6–§10), answers written from the contract. */
class ParticleClientReadTests {

    private final MockWebServer server = new MockWebServer();

    private ParticleClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = ParticleTestSupport.client(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deviceOsVersionsArePagedUntilMetaTotalIsCollected() throws Exception {
        server.enqueue(ok("{\"versions\":[{\"version\":\"5.2.0\",\"internal_version\":5200,\"state\":\"pre_release\","
                + "\"base_url\":\"https://api.particle.io/v1/firmware/device-os/v5.2.0\","
                + "\"supported_platforms\":[12,13]}],\"meta\":{\"total\":2}}"));
        server.enqueue(ok("{\"versions\":[{\"version\":\"4.2.0\",\"internal_version\":4200,"
                + "\"supported_platforms\":[13]}],\"meta\":{\"total\":2}}"));

        List<DeviceOsVersion> versions = client.listDeviceOsVersions(13);

        assertThat(versions).extracting(DeviceOsVersion::version).containsExactly("5.2.0", "4.2.0");
        assertThat(versions.get(0).supportedPlatforms()).containsExactly(12, 13);
        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/device-os/versions");
        assertThat(first.getUrl().queryParameter("platform_id")).isEqualTo("13");
        assertThat(server.takeRequest().getUrl().queryParameter("page")).isEqualTo("2");
    }

    @Test
    void lastDiagnosticsReadsBatteryAndSignalAndKeepsThePayload() throws Exception {
        server.enqueue(ok("""
                {"diagnostics":{"updated_at":"2025-01-10T10:00:00.000Z","deviceID":"e00fce68aabbccddeeff0011",
                 "payload":{"device":{"network":{"signal":{"at":"LTE Cat-M1","strength":88.33,"quality":45.83}},
                 "power":{"battery":{"charge":87.1,"state":"discharging"},"source":"VIN"}}}}}
                """));

        ParticleVitals vitals = client.lastDiagnostics(DEVICE).orElseThrow();

        assertThat(server.takeRequest().getUrl().encodedPath())
            .isEqualTo("/v1/products/30301/diagnostics/" + DEVICE + "/last");
        assertThat(vitals.batteryCharge()).isEqualTo(87.1);
        assertThat(vitals.batteryState()).isEqualTo("discharging");
        assertThat(vitals.signalStrength()).isEqualTo(88.33);
        assertThat(vitals.signalQuality()).isEqualTo(45.83);
        assertThat(vitals.payloadJson()).contains("\"source\":\"VIN\"");
    }

    @Test
    void aBatteryChargeReportedAsAnErrorObjectIsNull() {
        server.enqueue(ok("{\"diagnostics\":{\"payload\":{\"device\":{\"power\":{\"battery\":{\"charge\":{\"err\":-210}}}}}}}"));

        Optional<ParticleVitals> vitals = client.lastDiagnostics(DEVICE);

        assertThat(vitals).get().extracting(ParticleVitals::batteryCharge).isNull();
    }

    @Test
    void aDeviceWithoutDiagnosticsHasNone() {
        server.enqueue(json(404, "{\"ok\":false,\"error\":\"Not found\"}"));

        assertThat(client.lastDiagnostics(DEVICE)).isEmpty();
    }

    @Test
    void callFunctionPostsTheArgumentAndReturnsTheReturnValue() throws Exception {
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"name\":\"pump-017\",\"connected\":true,\"return_value\":1}"));

        FunctionResult result = client.callFunction(DEVICE, "prepareOta", "watchdog=off");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/products/30301/devices/" + DEVICE + "/prepareOta");
        assertThat(request.getBody().utf8()).isEqualTo("{\"arg\":\"watchdog=off\"}");
        assertThat(result.returnValue()).isEqualTo(1);
    }

    @Test
    void aFunctionArgumentLongerThan63CharactersIsRefusedBeforeSending() {
        assertThatThrownBy(() -> client.callFunction(DEVICE, "fn", "x".repeat(64)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void callFunctionIsNotRetriedOnAServerError() {
        server.enqueue(json(503, "{\"ok\":false,\"error\":\"unavailable\"}"));

        assertThatThrownBy(() -> client.callFunction(DEVICE, "fn", ""))
            .isInstanceOf(ParticleOutcomeUnknownException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void pingReportsWhetherTheDeviceAnswered() throws Exception {
        server.enqueue(ok("{\"online\":false,\"ok\":true}"));

        boolean online = client.ping(DEVICE);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/products/30301/devices/" + DEVICE + "/ping");
        assertThat(online).isFalse();
    }

    @Test
    void firmwareListIsRead() {
        server.enqueue(ok("[{\"_id\":\"a1\",\"version\":4,\"title\":\"v4\",\"size\":9965,\"product_default\":false,"
                + "\"groups\":[\"canary\"],\"uploaded_on\":\"2025-01-09T16:00:00.000Z\","
                + "\"uploaded_by\":{\"username\":\"ci@example.com\"},\"product_id\":30301,\"device_count\":12}]"));

        List<ParticleFirmware> firmware = client.listFirmware();

        assertThat(firmware).singleElement().satisfies(f -> {
            assertThat(f.version()).isEqualTo(4);
            assertThat(f.groups()).containsExactly("canary");
            assertThat(f.uploadedBy()).isEqualTo("ci@example.com");
            assertThat(f.deviceCount()).isEqualTo(12);
        });
    }

    @Test
    void groupsAreRead() {
        server.enqueue(ok("{\"groups\":[{\"name\":\"canary\",\"description\":\"first\",\"color\":\"#e74c3c\","
                + "\"fw_version\":4},{\"name\":\"eu\"}]}"));

        List<ParticleGroup> groups = client.listGroups();

        assertThat(groups).extracting(ParticleGroup::name).containsExactly("canary", "eu");
        assertThat(groups.get(0).fwVersion()).isEqualTo(4);
    }

}
