package dev.fleetota.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays for the event stream: exponential with "equal jitter" (half the step fixed, half random). The
 * failure count resets only when a connection stayed up for a while or delivered an event, so a server that accepts
 * and immediately drops cannot make the client spin at the base delay. Not thread-safe: used from the stream's
 * scheduler thread.
 */
final class ReconnectBackoff {

    private final Duration base;

    private final Duration max;

    private final Duration stableAfter;

    private int failures;

    private Instant connectedAt;

    ReconnectBackoff(Duration base, Duration max, Duration stableAfter) {
        this.base = base;
        this.max = max;
        this.stableAfter = stableAfter;
    }

    void connected(Instant at) {
        connectedAt = at;
    }

    /** The connection dropped (or never opened) at {@code at}: how long to wait before the next attempt. */
    Duration dropped(Instant at) {
        return dropped(at, false);
    }

    /**
     * As {@link #dropped(Instant)}; {@code delivered}: the connection delivered at least one event, so it worked
     * (a server that drops working streams every few seconds must not keep us deaf for minutes between them).
     */
    Duration dropped(Instant at, boolean delivered) {
        if (connectedAt != null && (delivered || Duration.between(connectedAt, at).compareTo(stableAfter) > 0)) {
            failures = 0;
        }
        connectedAt = null;
        failures++;
        long step = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(failures - 1, 20)));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

}
