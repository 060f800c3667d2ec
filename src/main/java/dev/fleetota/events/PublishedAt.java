package dev.fleetota.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * An event's {@code published_at} as an instant and in its canonical text ({@link Instant#toString()}, part of the
 * de-duplication key). Particle writes UTC with milliseconds ({@code 2026-12-07T21:52:00.123Z}); such text is
 * parsed by hand and is its own canonical form, without a {@code DateTimeFormatter} (parsing and printing with one
 * was ~40 % of the SSE reader's Java samples). Anything else (offsets, other fraction lengths, odd years) takes
 * {@link OffsetDateTime#parse}, whose result is the reference the fast path must equal.
 */
record PublishedAt(Instant instant, String canonical) {

    /** What one unit of an n-digit fraction is worth in nanoseconds (index n, 1..9). */
    private static final int[] NANOS_PER_DIGIT = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
        10, 1 };

    /** Null when {@code text} is missing or not an ISO-8601 date-time with an offset. */
    static PublishedAt parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        PublishedAt fast = utc(trimmed);
        if (fast != null) {
            return fast;
        }
        try {
            Instant instant = OffsetDateTime.parse(trimmed).toInstant();
            return new PublishedAt(instant, instant.toString());
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} for years 1970–9999, else null (the caller parses it the slow way). */
    static PublishedAt utc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int fraction = n == 20 ? 0 : n - 21; // digits between '.' and 'Z'
        if (year < 1970 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || (n > 20 && (s.charAt(19) != '.' || fraction < 1))) {
            return null;
        }
        int nanos = 0;
        if (fraction > 0) {
            int value = digits(s, 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value * NANOS_PER_DIGIT[fraction];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        }
        catch (DateTimeException invalidDate) {
            return null;
        }
        Instant instant = Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        return new PublishedAt(instant, fraction == canonicalDigits(nanos) ? s : instant.toString());
    }

    /** How many fraction digits {@link Instant#toString()} prints: none, or groups of three. */
    private static int canonicalDigits(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        return nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    }

    /** The {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

}
