package dev.fleetota.particle;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.fleetota.particle.ParticleTestSupport.DEVICE;
import static dev.fleetota.particle.ParticleTestSupport.json;
import static dev.fleetota.particle.ParticleTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Device updates (§5, §7): exact bodies, and lock + flash never resent unless Particle provably did not get it. */
class ParticleClientCommandTests {

    private final MockWebServer server = new MockWebServer();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ParticleClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = ParticleTestSupport.client(
                ParticleTestSupport.properties(server, ParticleTestSupport.generousLimits(), 3, Duration.ofMillis(300)),
                registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lockAndFlashPutsExactlyTheDesiredVersionAndFlash() throws Exception {
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"desired_firmware_version\":4,\"updated_at\":\"2025-01-10T10:00:00.000Z\"}"));

        client.lockAndFlash(DEVICE, 4);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("PUT");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/products/30301/devices/" + DEVICE);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"desired_firmware_version\":4,\"flash\":true}");
    }

    @Test
    void lockAndFlashAnsweredWith500IsAnUnknownOutcomeAndNotResent() {
        server.enqueue(json(500, "{\"error\":\"internal\"}"));
        server.enqueue(ok("{}"));

        assertThatThrownBy(() -> client.lockAndFlash(DEVICE, 4)).isInstanceOf(ParticleOutcomeUnknownException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void lockAndFlashWithoutAnAnswerBeforeTheReadTimeoutIsAnUnknownOutcomeAndNotResent() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        server.enqueue(ok("{}"));

        assertThatThrownBy(() -> client.lockAndFlash(DEVICE, 4)).isInstanceOf(ParticleOutcomeUnknownException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void lockAndFlashRejectedWith429IsSentAgain() {
        server.enqueue(json(429, "{\"error\":\"rate limited\"}"));
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"desired_firmware_version\":4}"));

        client.lockAndFlash(DEVICE, 4);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void lockAndFlashIsRetriedWhenTheConnectionIsRefusedAndThenFailsAsUnreachable() throws Exception {
        server.close();

        assertThatThrownBy(() -> client.lockAndFlash(DEVICE, 4)).isInstanceOf(ParticleServerException.class)
            .isNotInstanceOf(ParticleOutcomeUnknownException.class)
            .hasRootCauseInstanceOf(ConnectException.class);
        assertThat(registry.get("particle.retries").tag("call", "lock-and-flash").counter().count()).isEqualTo(3);
    }

    @Test
    void unlockSendsANullDesiredVersion() throws Exception {
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"desired_firmware_version\":null}"));

        client.unlock(DEVICE);

        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"desired_firmware_version\":null}");
    }

    @Test
    void setForceUpdatesSendsTheFlag() throws Exception {
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"firmware_updates_forced\":true}"));

        client.setForceUpdates(DEVICE, true);

        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"firmware_updates_forced\":true}");
    }

    @Test
    void setGroupsReplacesTheGroupList() throws Exception {
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"groups\":[\"canary\",\"eu\"]}"));

        client.setGroups(DEVICE, List.of("canary", "eu"));

        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"groups\":[\"canary\",\"eu\"]}");
    }

    @Test
    void setGroupsIsRetriedAfterAServerError() {
        server.enqueue(json(502, "{}"));
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\",\"groups\":[]}"));

        client.setGroups(DEVICE, List.of());

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void changeGroupsUsesTheBatchAction() throws Exception {
        server.enqueue(ok("{\"ok\":true}"));

        client.changeGroups(List.of("id1", "id2"), List.of("canary"), List.of("wave1"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/products/30301/devices");
        assertThat(request.getBody().utf8()).isEqualTo("{\"action\":\"groups\",\"devices\":[\"id1\",\"id2\"],"
                + "\"metadata\":{\"add\":[\"canary\"],\"remove\":[\"wave1\"]}}");
    }

    @Test
    void groupsAreCreatedAndDeleted() throws Exception {
        server.enqueue(json(201, "{\"group\":{\"name\":\"wave-1\",\"description\":\"first wave\"}}"));
        server.enqueue(new MockResponse.Builder().code(204).build());

        client.createGroup("wave-1", "first wave");
        client.deleteGroup("wave-1");

        RecordedRequest create = server.takeRequest();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getBody().utf8()).isEqualTo("{\"name\":\"wave-1\",\"description\":\"first wave\"}");
        RecordedRequest delete = server.takeRequest();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getUrl().encodedPath()).isEqualTo("/v1/products/30301/groups/wave-1");
    }

}
