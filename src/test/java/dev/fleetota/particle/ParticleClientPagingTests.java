package dev.fleetota.particle;

import java.time.Instant;
import java.util.List;

import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.fleetota.particle.ParticleTestSupport.DEVICE;
import static dev.fleetota.particle.ParticleTestSupport.TOKEN;
import static dev.fleetota.particle.ParticleTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Listing product devices (§4.3), with the realism of §13.5: missing keys, total_pages changing while paging. */
class ParticleClientPagingTests {

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

    static String page(int totalPages, String... ids) {
        StringBuilder devices = new StringBuilder();
        for (String id : ids) {
            devices.append(devices.isEmpty() ? "" : ",")
                .append("{\"id\":\"").append(id).append("\",\"platform_id\":13,\"online\":true}");
        }
        String meta = totalPages < 0 ? "{}" : "{\"total_pages\":" + totalPages + "}";
        return "{\"devices\":[" + devices + "],\"customers\":[],\"meta\":" + meta + "}";
    }

    static String id(int n) {
        return String.format("e00fce68aabbccddee%06x", n);
    }

    @Test
    void listAllDevicesAsksForStableSortedPagesWithBothPageSizeSpellings() throws Exception {
        server.enqueue(ok(page(1, id(1))));

        client.listAllDevices();

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/products/30301/devices");
        assertThat(request.getUrl().queryParameter("page")).isEqualTo("1");
        assertThat(request.getUrl().queryParameter("perPage")).isEqualTo("100");
        assertThat(request.getUrl().queryParameter("per_page")).isEqualTo("100");
        assertThat(request.getUrl().queryParameter("sortAttr")).isEqualTo("deviceId");
        assertThat(request.getUrl().queryParameter("sortDir")).isEqualTo("asc");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getUrl().toString()).doesNotContain(TOKEN);
    }

    @Test
    void listAllDevicesFollowsTotalPagesThatGrowWhilePaging() {
        server.enqueue(ok(page(2, id(1))));
        server.enqueue(ok(page(3, id(2))));
        server.enqueue(ok(page(3, id(3))));

        List<ParticleDevice> devices = client.listAllDevices();

        assertThat(devices).extracting(ParticleDevice::id).containsExactly(id(1), id(2), id(3));
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void listAllDevicesStopsWhenTotalPagesShrinksWhilePaging() {
        server.enqueue(ok(page(3, id(1))));
        server.enqueue(ok(page(2, id(2))));

        List<ParticleDevice> devices = client.listAllDevices();

        assertThat(devices).extracting(ParticleDevice::id).containsExactly(id(1), id(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aDeviceSeenOnTwoPagesIsListedOnce() {
        server.enqueue(ok(page(2, id(1), id(2))));
        server.enqueue(ok(page(2, id(2), id(3))));

        List<ParticleDevice> devices = client.listAllDevices();

        assertThat(devices).extracting(ParticleDevice::id).containsExactly(id(1), id(2), id(3));
    }

    @Test
    void withoutTotalPagesPagingStopsAtTheFirstShortPage() {
        String[] full = new String[100];
        for (int i = 0; i < 100; i++) {
            full[i] = id(i);
        }
        server.enqueue(ok(page(-1, full)));
        server.enqueue(ok(page(-1, id(500))));

        List<ParticleDevice> devices = client.listAllDevices();

        assertThat(devices).hasSize(101);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void listEntriesWithMissingKeysAreReadAsNulls() {
        server.enqueue(ok("{\"devices\":[{\"id\":\"" + DEVICE + "\",\"online\":false}],\"meta\":{\"total_pages\":1}}"));

        ParticleDevice device = client.listAllDevices().get(0);

        assertThat(device.online()).isFalse();
        assertThat(device.platformId()).isNull();
        assertThat(device.desiredFirmwareVersion()).isNull();
        assertThat(device.groups()).isNull();
        assertThat(device.lastHeard()).isNull();
        assertThat(device.safeMode()).isFalse();
    }

    @Test
    void aDeviceDetailIsReadFieldByField() throws Exception {
        server.enqueue(ok("""
                {"id":"e00fce68aabbccddeeff0011","name":"pump-017","owner":null,"last_ip_address":"176.83.1.2",
                 "last_heard":"2025-01-10T09:00:01.000Z","last_handshake_at":"2025-01-10T08:40:12.000Z","product_id":30301,
                 "online":true,"connected":true,"platform_id":13,"cellular":true,"notes":"site 4","functions":["cmd"],
                 "variables":{"temp":"double"},"status":"safe_mode","serial_number":"B40KAA000000017",
                 "iccid":"89014100000000000017","last_iccid":"89014100000000000017","imei":"352753090000017",
                 "mobile_secret":"ABCDEFGHJKLMNPQ","system_firmware_version":"4.0.2","current_build_target":"4.0.2",
                 "default_build_target":"6.2.0","firmware_updates_enabled":true,"firmware_updates_forced":false,
                 "firmware_product_id":30301,"groups":["canary"],"firmware_version":3,"desired_firmware_version":4,
                 "targeted_firmware_release_version":4,"development":false,"quarantined":false,"denied":false}
                """));

        ParticleDevice device = client.getDevice(DEVICE);

        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/products/30301/devices/" + DEVICE);
        assertThat(device.name()).isEqualTo("pump-017");
        assertThat(device.lastHeard()).isEqualTo(Instant.parse("2025-01-10T09:00:01Z"));
        assertThat(device.lastHandshakeAt()).isEqualTo(Instant.parse("2025-01-10T08:40:12Z"));
        assertThat(device.platformId()).isEqualTo(13);
        assertThat(device.cellular()).isTrue();
        assertThat(device.iccid()).isEqualTo("89014100000000000017");
        assertThat(device.systemFirmwareVersion()).isEqualTo("4.0.2");
        assertThat(device.firmwareVersion()).isEqualTo(3);
        assertThat(device.desiredFirmwareVersion()).isEqualTo(4);
        assertThat(device.targetedFirmwareReleaseVersion()).isEqualTo(4);
        assertThat(device.groups()).containsExactly("canary");
        assertThat(device.variables()).containsEntry("temp", "double");
        assertThat(device.firmwareUpdatesEnabled()).isTrue();
        assertThat(device.firmwareUpdatesForced()).isFalse();
        assertThat(device.safeMode()).isTrue();
        assertThat(device.toString()).doesNotContain("ABCDEFGHJKLMNPQ");
    }

    @Test
    void deprecatedAliasesFillFieldsParticleLeftOut() {
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"connected\":true,\"last_iccid\":\"8934076500000000001\","
                + "\"current_build_target\":\"2.3.1\",\"firmware_version\":\"7\"}"));

        ParticleDevice device = client.getDevice(DEVICE);

        assertThat(device.online()).isTrue();
        assertThat(device.iccid()).isEqualTo("8934076500000000001");
        assertThat(device.systemFirmwareVersion()).isEqualTo("2.3.1");
        assertThat(device.firmwareVersion()).isEqualTo(7);
    }

}
