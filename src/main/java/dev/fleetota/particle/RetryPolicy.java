package dev.fleetota.particle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a Particle call again, and how long to wait: exponential backoff with full jitter, never shorter than
 * a {@code Retry-After} the server sent (capped at two minutes). Whether a call may be repeated depends on its
 * {@link Mode}.
 */
final class RetryPolicy {

    private static final Duration RETRY_AFTER_CAP = Duration.ofMinutes(2);

    /** How a call may be repeated. */
    enum Mode {

        /** Repeating changes nothing (GET, absolute PUT): retry on 429/529, 5xx and I/O errors. */
        IDEMPOTENT,

        /** Must not run twice: retry only when provably not processed (429/529, or never sent). */
        RESEND_IF_UNSENT,

        /** Never repeated by the client. */
        NEVER

    }

    private final int maxRetries;

    private final Duration base;

    private final Duration max;

    RetryPolicy(int maxRetries, Duration base, Duration max) {
        this.maxRetries = maxRetries;
        this.base = base;
        this.max = max;
    }

    boolean retryStatus(Mode mode, int attempt, int status) {
        if (attempt >= maxRetries || mode == Mode.NEVER) {
            return false;
        }
        if (isRateLimited(status)) {
            return true;
        }
        return mode == Mode.IDEMPOTENT && status >= 500;
    }

    boolean retryIoError(Mode mode, int attempt, boolean requestSent) {
        if (attempt >= maxRetries) {
            return false;
        }
        return mode == Mode.IDEMPOTENT || (mode == Mode.RESEND_IF_UNSENT && !requestSent);
    }

    /** Backoff before retry number {@code attempt + 1}: full jitter, but at least {@code retryAfter} if given. */
    Duration delay(int attempt, Duration retryAfter) {
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(attempt, 20)));
        Duration jitter = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        if (retryAfter == null) {
            return jitter;
        }
        Duration honoured = retryAfter.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : retryAfter;
        return honoured.compareTo(jitter) > 0 ? honoured : jitter;
    }

    static boolean isRateLimited(int status) {
        return status == 429 || status == 529;
    }

    /** Parses {@code Retry-After} (delta seconds or HTTP date); null when absent or unreadable. */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        }
        catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            }
            catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

}
