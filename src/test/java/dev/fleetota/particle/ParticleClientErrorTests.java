package dev.fleetota.particle;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static dev.fleetota.particle.ParticleTestSupport.DEVICE;
import static dev.fleetota.particle.ParticleTestSupport.TOKEN;
import static dev.fleetota.particle.ParticleTestSupport.json;
import static dev.fleetota.particle.ParticleTestSupport.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Error shapes of §2.4 become typed exceptions; GETs are retried with backoff; the token never leaks. */
class ParticleClientErrorTests {

    private final MockWebServer server = new MockWebServer();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ParticleClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = ParticleTestSupport.client(
                ParticleTestSupport.properties(server, ParticleTestSupport.generousLimits(), 3, Duration.ofSeconds(2)),
                registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aGetIsRetriedOn429And503UntilItSucceeds() {
        server.enqueue(json(429, "{\"error\":\"Too many requests\"}"));
        server.enqueue(json(503, "{\"error\":\"unavailable\"}"));
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\"}"));

        ParticleDevice device = client.getDevice(DEVICE);

        assertThat(device.id()).isEqualTo(DEVICE);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aGetGivesUpAfterMaxRetriesWithAServerError() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(503, "{\"error\":\"unavailable\"}"));
        }

        assertThatThrownBy(() -> client.getDevice(DEVICE)).isInstanceOf(ParticleServerException.class);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void retryAfterIsHonouredEvenWhenTheBackoffIsShorter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{}").build());
        server.enqueue(ok("{\"id\":\"" + DEVICE + "\"}"));
        long started = System.nanoTime();

        client.getDevice(DEVICE);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    }

    @Test
    void anInvalidTokenIsUnauthorizedAndNotRetried() {
        server.enqueue(json(401, "{\"error\":\"invalid_token\",\"error_description\":\"The access token provided is invalid.\"}"));

        ParticleUnauthorizedException ex = catchThrowableOfType(ParticleUnauthorizedException.class,
                () -> client.getDevice(DEVICE));

        assertThat(ex.status()).isEqualTo(401);
        assertThat(ex.particleError()).isEqualTo("The access token provided is invalid.");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void permissionDeniedOnADeviceRouteMeansNotFound() {
        server.enqueue(json(403, "{\"ok\":false,\"error\":\"Permission Denied\"}"));

        ParticleNotFoundException ex = catchThrowableOfType(ParticleNotFoundException.class,
                () -> client.getDevice(DEVICE));

        assertThat(ex.status()).isEqualTo(403);
        assertThat(ex.particleError()).isEqualTo("Permission Denied");
    }

    @Test
    void permissionDeniedOnTheProductIsNotMistakenForAMissingDevice() {
        server.enqueue(json(403, "{\"ok\":false,\"error\":\"Permission denied\"}"));

        assertThatThrownBy(() -> client.listAllDevices()).isExactlyInstanceOf(ParticleApiException.class)
            .hasMessageContaining("HTTP 403")
            .hasMessageContaining("Permission denied");
    }

    @Test
    void notFoundIsTyped() {
        server.enqueue(json(404, "{\"ok\":false,\"error\":\"Device not found.\"}"));

        assertThatThrownBy(() -> client.getDevice(DEVICE)).isInstanceOf(ParticleNotFoundException.class);
    }

    @Test
    void theValidationErrorShapeIsReadFromTheErrorsArray() {
        server.enqueue(json(403, "{\"errors\":[\"That belongs to someone else.\"]}"));

        ParticleApiException ex = catchThrowableOfType(ParticleApiException.class,
                () -> client.setGroups(DEVICE, List.of("a")));

        assertThat(ex.particleError()).isEqualTo("That belongs to someone else.");
    }

    @Test
    void rateLimitingThatOutlastsTheRetriesIsTyped() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(429, "{}"));
        }

        assertThatThrownBy(() -> client.listGroups()).isInstanceOf(ParticleRateLimitedException.class);
    }

    @Test
    void theTokenNeverAppearsInMessagesLogsOrMetrics() {
        ListAppender<ILoggingEvent> logs = captureLogs();
        server.enqueue(json(503, "{\"error\":\"token " + TOKEN + " refused\"}"));
        server.enqueue(json(400, "{\"error\":\"bad\",\"error_description\":\"token " + TOKEN + " is bad\"}"));

        ParticleApiException ex = catchThrowableOfType(ParticleApiException.class, () -> client.getDevice(DEVICE));

        assertThat(ex.getMessage()).doesNotContain(TOKEN).contains("******");
        assertThat(ex.particleError()).doesNotContain(TOKEN);
        assertThat(logs.list).isNotEmpty()
            .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN));
        assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags())
            .allSatisfy(tag -> assertThat(tag.getValue()).doesNotContain(TOKEN));
        assertThat(registry.getMeters()).extracting(Meter::getId).isNotEmpty();
    }

    @Test
    void propertiesNeverPrintTheSecrets() {
        ParticleProperties properties = new ParticleProperties(java.net.URI.create("https://api.particle.io"), TOKEN,
                "30301", "webhook-secret-value", ParticleTestSupport.generousLimits(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThat(properties.toString()).doesNotContain(TOKEN).doesNotContain("webhook-secret-value");
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.fleetota.particle");
        logger.setLevel(Level.TRACE);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

}
