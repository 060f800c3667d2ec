package dev.fleetota.particle;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Token bucket that never lets more than {@code limit} permits through in any window of {@code period}: it starts
 * with a small burst ({@code limit / 50}, at least 1) and refills at {@code (limit - burst) / period}, so burst plus
 * refill inside one window is at most the limit, and a saturated client uses 98 % of it (a burst of a tenth left
 * only 90 %; docs/benchmarks.md, Particle budget). Callers reserve a permit and then wait for it outside the lock, so
 * concurrent callers are served in order. A caller that would have to wait longer than {@code maxWait} is refused.
 */
final class ParticleRateLimiter {

    private final String name;

    private final double capacity;

    private final double permitsPerNano;

    private final long maxWaitNanos;

    private double tokens;

    private long refilledAt;

    ParticleRateLimiter(String name, int limit, Duration period, Duration maxWait) {
        if (limit < 2) {
            throw new IllegalArgumentException("a rate limit must allow at least 2 permits per period");
        }
        this.name = name;
        this.capacity = Math.max(1, limit / 50);
        this.permitsPerNano = (limit - capacity) / (double) period.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
    }

    /** Takes one permit, blocking until it is due; fails when that would take longer than the configured wait. */
    void acquire() throws IOException {
        long waitNanos = reserve();
        long due = System.nanoTime() + waitNanos;
        for (long left = waitNanos; left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a " + name + " permit");
            }
        }
    }

    private synchronized long reserve() throws RateLimitWaitException {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * permitsPerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long wait = (long) Math.ceil((1 - tokens) / permitsPerNano);
        if (wait > maxWaitNanos) {
            throw new RateLimitWaitException(name, TimeUnit.NANOSECONDS.toMillis(wait));
        }
        tokens -= 1;
        return wait;
    }

    /** The client-side limiter refused a permit; the request was never sent. */
    static final class RateLimitWaitException extends IOException {

        RateLimitWaitException(String limiter, long waitMillis) {
            super("client-side " + limiter + " limit reached (next permit in " + waitMillis + " ms)");
        }

    }

}
