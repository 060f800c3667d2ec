package dev.fleetota.events;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation and the de-duplication key. */
class CheckedEventTests {

    private static final String DEVICE = "e00fce68aabbccddeeff0011";

    private static final String AT = "2025-01-10T10:01:02.345Z";

    @Test
    void aWellFormedDeviceEventIsValid() {
        CheckedEvent event = CheckedEvent.of(new IncomingEvent("spark/status", "online", AT, DEVICE, 3));

        assertThat(event.valid()).isTrue();
        assertThat(event.deviceId()).isEqualTo(DEVICE);
        assertThat(event.publishedAt()).isEqualTo(Instant.parse(AT));
    }

    @Test
    void theSameEventAlwaysHasTheSameKey() {
        String first = CheckedEvent.of(new IncomingEvent("spark/status", "online", AT, DEVICE, 3)).dedupKey();
        String second = CheckedEvent.of(new IncomingEvent("spark/status", "online", AT, DEVICE, 3)).dedupKey();

        assertThat(first).isEqualTo(second).hasSize(64);
    }

    @Test
    void trailingSpacesMakeADifferentEvent() {
        String spaced = CheckedEvent.of(new IncomingEvent("spark/flash/status", "success ", AT, DEVICE, 3)).dedupKey();
        String bare = CheckedEvent.of(new IncomingEvent("spark/flash/status", "success", AT, DEVICE, 3)).dedupKey();

        assertThat(spaced).isNotEqualTo(bare);
    }

    @Test
    void nullDataAndEmptyDataAreDifferentEvents() {
        String none = CheckedEvent.of(new IncomingEvent("x", null, AT, DEVICE, 3)).dedupKey();
        String empty = CheckedEvent.of(new IncomingEvent("x", "", AT, DEVICE, 3)).dedupKey();

        assertThat(none).isNotEqualTo(empty);
    }

    @Test
    void theSameInstantWrittenWithAnOffsetIsTheSameEvent() {
        String zulu = CheckedEvent.of(new IncomingEvent("x", "d", AT, DEVICE, 3)).dedupKey();
        String offset = CheckedEvent.of(new IncomingEvent("x", "d", "2025-01-10T11:01:02.345+01:00", DEVICE, 3))
            .dedupKey();

        assertThat(zulu).isEqualTo(offset);
    }

    @Test
    void cloudEventsAreValidWithoutADevice() {
        CheckedEvent event = CheckedEvent.of(new IncomingEvent("particle/firmware/release", "{}", AT, "api", null));

        assertThat(event.valid()).isTrue();
        assertThat(event.deviceId()).isNull();
    }

    @Test
    void anUnknownCoreidIsRejected() {
        CheckedEvent event = CheckedEvent.of(new IncomingEvent("x", "d", AT, "not-a-device", null));

        assertThat(event.rejectedReason()).contains("not-a-device");
    }

    @Test
    void anUnparsableTimestampIsRejected() {
        CheckedEvent event = CheckedEvent.of(new IncomingEvent("x", "d", "yesterday", DEVICE, null));

        assertThat(event.rejectedReason()).contains("published_at");
        assertThat(event.publishedAt()).isNull();
    }

    @Test
    void aMissingNameIsRejected() {
        assertThat(CheckedEvent.of(new IncomingEvent(" ", "d", AT, DEVICE, null)).rejectedReason())
            .isEqualTo("event name is missing");
    }

    @Test
    void anOverlongNameIsRejectedAndStoredTruncated() {
        CheckedEvent event = CheckedEvent.of(new IncomingEvent("n".repeat(200), "d", AT, DEVICE, null));

        assertThat(event.valid()).isFalse();
        assertThat(event.name()).hasSize(128);
    }

    @Test
    void upperCaseDeviceIdsAreNormalised() {
        assertThat(CheckedEvent.of(new IncomingEvent("x", "d", AT, DEVICE.toUpperCase(), null)).deviceId())
            .isEqualTo(DEVICE);
    }

    @Test
    void listenersSeeDataWithoutTrailingSpaces() {
        assertThat(CheckedEvent.of(new IncomingEvent("x", "started ", AT, DEVICE, null)).trimmedData())
            .isEqualTo("started");
    }

}
