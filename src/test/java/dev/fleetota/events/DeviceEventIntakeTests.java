package dev.fleetota.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.fleetota.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@RecordApplicationEvents
class DeviceEventIntakeTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private static final String DEVICE = "e00fce68aabbccddeeff0011";

    @Autowired
    DeviceEventIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationEvents events;

    private static String uniqueTime() {
        return Instant.parse("2025-01-10T10:00:00Z").plusSeconds(SEQUENCE.incrementAndGet()).toString();
    }

    @Test
    void theSameEventReceivedTwiceIsStoredAndPublishedOnce() {
        IncomingEvent event = new IncomingEvent("spark/status", "online", uniqueTime(), DEVICE, 3);

        IntakeResult first = intake.accept(event, EventSource.SSE);
        IntakeResult second = intake.accept(event, EventSource.WEBHOOK);

        assertThat(first.stored()).isTrue();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.stored()).isFalse();
        assertThat(rowsWithTime(event.publishedAt())).isEqualTo(1);
        assertThat(recorded().filter(e -> e.eventId() == first.eventId()).count())
            .isEqualTo(1);
    }

    @Test
    void aValidEventIsPublishedWithTrimmedDataAndItsEnvelopeVersion() {
        String at = uniqueTime();

        IntakeResult result = intake.accept(new IncomingEvent("spark/flash/status", "success ", at, DEVICE, 4),
                EventSource.SSE);

        assertThat(recorded()).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo(result.eventId());
            assertThat(e.deviceId()).isEqualTo(DEVICE);
            assertThat(e.data()).isEqualTo("success");
            assertThat(e.publishedAt()).isEqualTo(Instant.parse(at));
            assertThat(e.productVersion()).isEqualTo(4);
            assertThat(e.source()).isEqualTo(EventSource.SSE);
        });
        assertThat(jdbc.queryForObject("SELECT data FROM device_event WHERE id = ?", String.class, result.eventId()))
            .isEqualTo("success ");
    }

    @Test
    void aMalformedEventIsStoredAsRejectedAndNotPublished() {
        IntakeResult result = intake.accept(IncomingEvent.malformed("spark/status", "{broken", "not JSON"),
                EventSource.SSE);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM device_event WHERE id = ?", result.eventId());
        assertThat(result.stored()).isTrue();
        assertThat(row.get("rejected_reason")).isEqualTo("not JSON");
        assertThat(row.get("data")).isEqualTo("{broken");
        assertThat(row.get("source")).isEqualTo("SSE");
        assertThat(recorded()).isEmpty();
    }

    @Test
    void anEventWithAnUnknownCoreidIsKeptWithItsReason() {
        IntakeResult result = intake.accept(new IncomingEvent("x", "d", uniqueTime(), "gateway-7", null),
                EventSource.WEBHOOK);

        assertThat(result.rejectedReason()).contains("gateway-7");
        assertThat(jdbc.queryForObject("SELECT device_id FROM device_event WHERE id = ?", String.class,
                result.eventId())).isNull();
    }

    @Test
    void cloudEventsAreStoredWithoutADeviceAndPublished() {
        IntakeResult result = intake.accept(
                new IncomingEvent("particle/firmware/release", "{\"version\":1}", uniqueTime(), "api", null),
                EventSource.SSE);

        assertThat(result.rejectedReason()).isNull();
        assertThat(recorded()).singleElement()
            .satisfies(e -> assertThat(e.deviceId()).isNull());
    }

    @Test
    void aBatchIsStoredInOneGoAndDuplicatesInsideItAreRecognised() {
        String at = uniqueTime();
        IncomingEvent online = new IncomingEvent("spark/status", "online", at, DEVICE, 3);
        IncomingEvent hash = new IncomingEvent("spark/device/app-hash", "ab", at, DEVICE, 3);
        IncomingEvent broken = new IncomingEvent("spark/status", "online", "never", DEVICE, 3);

        List<IntakeResult> results = intake.acceptAll(List.of(online, hash, online, broken), EventSource.POLL);

        assertThat(results).extracting(IntakeResult::stored).containsExactly(true, true, false, true);
        assertThat(results).extracting(IntakeResult::duplicate).containsExactly(false, false, true, false);
        assertThat(results.get(3).rejectedReason()).contains("published_at");
        assertThat(rowsWithTime(at)).isEqualTo(2);
        assertThat(events.stream(DeviceEventsRecorded.class)).as("one batch event per call").singleElement()
            .satisfies(batch -> {
                assertThat(batch.source()).isEqualTo(EventSource.POLL);
                assertThat(batch.events()).extracting(DeviceEventRecorded::name)
                    .containsExactly("spark/status", "spark/device/app-hash");
                assertThat(batch.events()).extracting(DeviceEventRecorded::eventId)
                    .containsExactly(results.get(0).eventId(), results.get(1).eventId());
            });
    }

    @Test
    void aFailedEventCanBeKeptAsRejected() {
        IncomingEvent event = new IncomingEvent("spark/status", "online", uniqueTime(), DEVICE, 3);

        IntakeResult kept = intake.keepFailed(event, EventSource.SSE, "IllegalStateException");

        assertThat(kept.rejectedReason()).isEqualTo("processing failed: IllegalStateException");
        assertThat(intake.accept(event, EventSource.SSE).duplicate()).isTrue();
    }

    private Stream<DeviceEventRecorded> recorded() {
        return events.stream(DeviceEventsRecorded.class).flatMap(batch -> batch.events().stream());
    }

    private int rowsWithTime(String publishedAt) {
        return jdbc.queryForObject("SELECT count(*) FROM device_event WHERE published_at = ?::timestamptz",
                Integer.class, publishedAt);
    }

}
