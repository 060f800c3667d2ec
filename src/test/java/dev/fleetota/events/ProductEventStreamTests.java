package dev.fleetota.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.fleetota.IntegrationTest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The product stream against a MockWebServer speaking §9.2, with short deadlines. */
@IntegrationTest
class ProductEventStreamTests {

    private static final String DEVICE = "e00fce68aabbccddeeff0042";

    /** A recorded stream: greeting, keep-alives, a multi-line data block, trailing spaces, ttl as a string. */
    static final String RECORDED = """
            :ok

            event: spark/status
            data: {"data":"online","ttl":60,"published_at":"2025-02-01T10:01:02.345Z","coreid":"e00fce68aabbccddeeff0042","userid":"","version":3,"public":false,"productID":30301}

            :

            event: spark/flash/status
            data: {"data":"started ","ttl":"60","published_at":"2025-02-01T10:01:05.000Z",
            data:  "coreid":"e00fce68aabbccddeeff0042","version":3,"public":false,"productID":30301}

            event: spark/status
            data: this is not json

            event: spark/device/last_reset
            data: {"data":"update","ttl":60,"published_at":"2025-02-01T10:01:09.000Z","coreid":"e00fce68aabbccddeeff0042","version":4}

            """;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StreamLease lease;

    @Autowired
    EventReceiver receiver;

    @Autowired
    @Qualifier("particleHttpClient")
    OkHttpClient http;

    private final MockWebServer server = new MockWebServer();

    private final List<EventStreamConnected> connections = new CopyOnWriteArrayList<>();

    private final List<ProductEventStream> streams = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start();
        jdbc.update("DELETE FROM lease");
    }

    @AfterEach
    void stop() {
        streams.forEach(ProductEventStream::stop);
        server.close();
    }

    @Test
    void aRecordedStreamIsParsedAndStoredEventByEvent() throws Exception {
        server.enqueue(stream(RECORDED));

        newStream("a", Duration.ofSeconds(5)).start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> eventCount() == 4);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/products/30301/events");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(data("spark/flash/status")).isEqualTo("started ");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ? AND name = 'spark/status'"
                + " AND rejected_reason IS NULL", Integer.class, DEVICE)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM device_event WHERE data = 'this is not json'"
                + " AND rejected_reason IS NOT NULL", Integer.class)).isEqualTo(1);
    }

    @Test
    void aStreamClosedByTheServerIsReopenedAndEachOpenIsAnnounced() {
        server.enqueue(stream(":ok\n\n"));
        server.enqueue(stream(":ok\n\n"));
        server.enqueue(keepAlives(100));

        newStream("a", Duration.ofSeconds(5)).start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> connections.size() >= 3);
        assertThat(connections).extracting(EventStreamConnected::reconnect).startsWith(false, true, true);
    }

    @Test
    void aSilentStreamIsTreatedAsDeadAndReplaced() {
        server.enqueue(stream(":ok\n\n").newBuilder().bodyDelay(20, TimeUnit.SECONDS).build());
        server.enqueue(keepAlives(100));
        ProductEventStream stream = newStream("a", Duration.ofMillis(400));

        stream.start();

        await().atMost(10, TimeUnit.SECONDS).until(() -> connections.size() >= 2);
        assertThat(connections.get(1).reconnect()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void onlyTheLeaseHolderStreamsAndAnotherInstanceTakesOverWhenItStops() {
        server.enqueue(keepAlives(200));
        server.enqueue(keepAlives(200));
        ProductEventStream first = newStream("first", Duration.ofSeconds(5));
        ProductEventStream second = newStream("second", Duration.ofSeconds(5));
        first.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.state() == ProductEventStream.State.CONNECTED);

        second.start();
        await().pollDelay(600, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
            .until(() -> second.state() == ProductEventStream.State.STANDBY);

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(lease.holder(ProductEventStream.LEASE)).contains("first");
        first.stop();
        await().atMost(10, TimeUnit.SECONDS).until(() -> second.state() == ProductEventStream.State.CONNECTED);
        assertThat(lease.holder(ProductEventStream.LEASE)).contains("second");
    }

    @Test
    void aStreamWithoutTokenOrProductStaysDisabled() {
        ProductEventStream stream = new ProductEventStream(settings("a", Duration.ofSeconds(1)),
                new ParticleEndpoint(URI.create(server.url("/").toString()), "", "30301", null), http, lease, receiver,
                event -> connections.add((EventStreamConnected) event), Clock.systemUTC());

        stream.start();

        assertThat(stream.state()).isEqualTo(ProductEventStream.State.DISABLED);
        assertThat(stream.isRunning()).isFalse();
    }

    private ProductEventStream newStream(String instance, Duration keepAlive) {
        ProductEventStream stream = new ProductEventStream(settings(instance, keepAlive),
                new ParticleEndpoint(URI.create(server.url("/").toString()), "test-token", "30301", null), http, lease,
                receiver, event -> connections.add((EventStreamConnected) event), Clock.systemUTC());
        streams.add(stream);
        return stream;
    }

    private static EventStreamProperties settings(String instance, Duration keepAlive) {
        return new EventStreamProperties(true, keepAlive, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofMillis(800), Duration.ofMillis(100), instance, Duration.ofMillis(10));
    }

    static MockResponse stream(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    /** A stream that stays open for a while, sending a keep-alive comment every 100 ms. */
    static MockResponse keepAlives(int count) {
        return stream(":ok\n\n" + ":\n\n".repeat(count)).newBuilder()
            .throttleBody(3, 100, TimeUnit.MILLISECONDS)
            .build();
    }

    /** The recorded stream's events: other test classes share the database and publish events of their own. */
    private int eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ? AND published_at"
                + " BETWEEN '2025-02-01T10:01:00Z' AND '2025-02-01T10:01:10Z' OR data = 'this is not json'",
                Integer.class, DEVICE);
    }

    private String data(String name) {
        return jdbc.queryForObject("SELECT data FROM device_event WHERE device_id = ? AND name = ?", String.class,
                DEVICE, name);
    }

}
