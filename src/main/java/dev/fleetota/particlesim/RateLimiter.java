package dev.fleetota.particlesim;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Particle's per-client-IP limits (§3): requests per window, SSE opens per window and concurrent SSE streams.
 * Fixed windows per IP. Answers are 429 without {@code Retry-After}.
 */
final class RateLimiter {

    private final SimulatorSettings.RateLimits limits;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> sseOpens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> sseOpen = new ConcurrentHashMap<>();

    RateLimiter(SimulatorSettings.RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    boolean tryRequest(String ip) {
        return acquire(requests, ip, limits.requestsPerWindow());
    }

    /** Counts an SSE open and reserves a concurrent slot; false = answer 429. */
    boolean tryOpenStream(String ip) {
        AtomicInteger open = sseOpen.computeIfAbsent(ip, k -> new AtomicInteger());
        if (open.incrementAndGet() > limits.sseMaxConcurrent()) {
            open.decrementAndGet();
            return false;
        }
        if (!acquire(sseOpens, ip, limits.sseOpensPerWindow())) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void streamClosed(String ip) {
        AtomicInteger open = sseOpen.get(ip);
        if (open != null) {
            open.decrementAndGet();
        }
    }

    private boolean acquire(ConcurrentHashMap<String, Window> windows, String ip, int limit) {
        long now = clock.millis();
        long length = limits.window().toMillis();
        Window w = windows.compute(ip, (k, old) -> old == null || now - old.start >= length ? new Window(now) : old);
        return w.count.incrementAndGet() <= limit;
    }

    private static final class Window {

        final long start;
        final AtomicInteger count = new AtomicInteger();

        Window(long start) {
            this.start = start;
        }
    }

}
