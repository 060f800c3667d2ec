package dev.fleetota.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written UTC parser gives exactly what {@link OffsetDateTime#parse} and {@link Instant#toString()} give
 * (the de-duplication key of an event already stored must not change), and leaves everything else to them.
 */
class PublishedAtTests {

    @Test
    void particlesUtcMillisecondsAreParsedByHandAndAreTheirOwnCanonicalText() {
        PublishedAt parsed = PublishedAt.utc("2026-12-07T21:52:00.123Z");

        assertThat(parsed).isNotNull();
        assertThat(parsed.instant()).isEqualTo(Instant.parse("2026-12-07T21:52:00.123Z"));
        assertThat(parsed.canonical()).isEqualTo("2026-12-07T21:52:00.123Z");
    }

    @Test
    void randomInstantsInEveryFractionLengthMatchTheReferenceParser() {
        Random random = new Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            long seconds = 1_000_000_000L + (long) (random.nextDouble() * 3_000_000_000L);
            int digits = random.nextInt(10); // 0 = no fraction
            int fraction = digits == 0 ? 0 : random.nextInt((int) Math.pow(10, digits));
            if (random.nextInt(4) == 0 && digits > 0) {
                fraction = 0; // "…:05.000Z" and the like
            }
            String text = Instant.ofEpochSecond(seconds).toString().replace("Z", "")
                    + (digits == 0 ? "" : "." + String.format("%0" + digits + "d", fraction)) + "Z";
            assertSameAsReference(text);
        }
    }

    @Test
    void edgeCasesMatchTheReferenceParser() {
        for (String text : List.of("2024-02-29T23:59:59.999999999Z", "2025-02-29T10:00:00.000Z",
                "2026-13-01T00:00:00Z", "2026-12-32T00:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T23:60:00Z",
                "2026-12-07T23:59:60Z", "2026-12-07T21:52:00.Z", "2026-12-07T21:52:00,123Z", "2026-12-07t21:52:00Z",
                "2026-12-07T21:52:00.123z", "2026-12-07T21:52Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
                "2026-12-07T21:52:00.1234567890Z", "2026-12-07T22:52:00.123+01:00", " 2026-12-07T21:52:00.5Z ",
                "+12026-12-07T21:52:00Z", "2026-1a-07T21:52:00Z", "2026-12-07T21:52:00.12a4Z", "")) {
            assertSameAsReference(text);
        }
    }

    private static void assertSameAsReference(String text) {
        PublishedAt parsed = PublishedAt.parse(text);
        Instant reference;
        try {
            reference = OffsetDateTime.parse(text.trim()).toInstant();
        }
        catch (DateTimeParseException ex) {
            assertThat(parsed).as(text).isNull();
            return;
        }
        assertThat(parsed).as(text).isNotNull();
        assertThat(parsed.instant()).as(text).isEqualTo(reference);
        assertThat(parsed.canonical()).as(text).isEqualTo(reference.toString());
    }

}
