package dev.fleetota.particlesim;

import java.util.Map;

/** Counters since start: what the simulator served and emitted. */
public record SimStats(long requests, long rateLimited, long injected429, long injected5xx, long eventsPublished,
        long eventsDelivered, int streamsOpen, long streamsOpened, long streamsDropped, long flashCommands,
        int devices, Map<String, Long> requestsByRoute) {
}
