package dev.fleetota.particlesim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters behind {@code GET /sim/stats}. */
final class Stats {

    final LongAdder requests = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final LongAdder injected429 = new LongAdder();
    final LongAdder injected5xx = new LongAdder();
    final LongAdder eventsPublished = new LongAdder();
    final LongAdder eventsDelivered = new LongAdder();
    final LongAdder streamsOpened = new LongAdder();
    final LongAdder streamsDropped = new LongAdder();
    final LongAdder flashCommands = new LongAdder();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();

    void request(String route) {
        requests.increment();
        byRoute.computeIfAbsent(route, r -> new LongAdder()).increment();
    }

    SimStats snapshot(int streamsOpen, int devices) {
        Map<String, Long> routes = new TreeMap<>();
        byRoute.forEach((route, count) -> routes.put(route, count.sum()));
        return new SimStats(requests.sum(), rateLimited.sum(), injected429.sum(), injected5xx.sum(),
                eventsPublished.sum(), eventsDelivered.sum(), streamsOpen, streamsOpened.sum(), streamsDropped.sum(),
                flashCommands.sum(), devices, routes);
    }

}
