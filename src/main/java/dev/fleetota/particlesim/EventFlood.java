package dev.fleetota.particlesim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded flood of realistic device events on the event streams (ingest benchmark, {@code POST /sim/events/flood}):
 * round-robin over the fleet, one event at a time, optionally paced to a rate. Every event has a published_at later
 * than the device's previous flood event, so no two are equal (de-duplication would merge them); the simulator's
 * realism draws (duplicates, ttl as a string) are not applied. The flood only publishes: device state and timelines
 * do not change. It waits while an open stream has a backlog of more than {@value #MAX_BACKLOG} events, so a slow
 * reader slows the flood instead of being disconnected.
 */
final class EventFlood implements Runnable {

    static final Set<String> NAMES = Set.of("spark/status", "spark/flash/status", "spark/device/last_reset",
            "spark/device/app-hash", "spark/device/diagnostics/update", "spark/status/safe-mode");

    static final int MAX_BACKLOG = 10_000;

    private static final String[] RESETS = { "power_down", "pin_reset", "watchdog", "update", "user" };

    private static final String[] FLASH = { "started ", "success ", "failed " };

    private final SimContext ctx;

    private final int count;

    private final double ratePerSecond;

    private final List<String> names;

    private final Map<SimDevice, Long> lastAt = new java.util.HashMap<>();

    private volatile int published;

    private volatile boolean stopped;

    private volatile ObjectNode lastEvent;

    EventFlood(SimContext ctx, int count, double ratePerSecond, List<String> names) {
        this.ctx = ctx;
        this.count = count;
        this.ratePerSecond = ratePerSecond;
        this.names = List.copyOf(names);
    }

    @Override
    public void run() {
        SimDevice[] devices = ctx.fleet.all();
        long start = System.nanoTime();
        for (int i = 0; i < count && !stopped && devices.length > 0; i++) {
            pace(start, i);
            while (ctx.hub.maxBacklog() > MAX_BACKLOG && !stopped) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            SimDevice d = devices[i % devices.length];
            String name = names.get((i / devices.length) % names.size());
            publish(d, name, data(name, i / devices.length / names.size()));
            published = i + 1;
        }
        stopped = true;
    }

    private void pace(long start, int i) {
        if (ratePerSecond <= 0) {
            return;
        }
        long due = start + (long) (i * 1e9 / ratePerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private void publish(SimDevice d, String name, String data) {
        synchronized (d) {
            long now = ctx.nowMillis();
            long at = Math.max(now, lastAt.getOrDefault(d, 0L) + 1);
            lastAt.put(d, at);
            Instant publishedAt = Instant.ofEpochMilli(at);
            int version = name.equals("spark/status/safe-mode") ? 0 : d.envelopeVersion();
            ctx.hub.publish(new SimEvent(name, data, false, publishedAt, d.id, "", version, ctx.settings.productId(),
                    true));
            ObjectNode last = Json.object();
            last.put("deviceId", d.id);
            last.put("name", name);
            last.put("data", data);
            last.put("publishedAt", Json.timestamp(publishedAt));
            lastEvent = last;
        }
    }

    /** Data as Particle sends it for that event name (§11 of the contract); {@code round} varies it per pass. */
    static String data(String name, int round) {
        return switch (name) {
            case "spark/status" -> round % 2 == 0 ? "online" : "offline";
            case "spark/flash/status" -> FLASH[round % FLASH.length];
            case "spark/device/last_reset" -> RESETS[round % RESETS.length];
            case "spark/device/app-hash" -> String.format("%064x", round + 1L);
            case "spark/device/diagnostics/update" -> "{\"device\":{\"power\":{\"battery\":{\"charge\":"
                    + (50 + round % 50) + "}},\"network\":{\"signal\":{\"strength\":" + (40 + round % 60)
                    + "}}},\"service\":{\"cloud\":{\"uptime\":" + round + "}}}";
            default -> "";
        };
    }

    void stop() {
        stopped = true;
    }

    ObjectNode status() {
        ObjectNode out = Json.object();
        out.put("count", count);
        out.put("published", published);
        out.put("done", stopped);
        out.put("ratePerSecond", ratePerSecond);
        names.forEach(out.putArray("names")::add);
        out.set("lastEvent", lastEvent);
        return out;
    }

}
