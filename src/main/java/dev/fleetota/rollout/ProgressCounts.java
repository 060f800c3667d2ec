package dev.fleetota.rollout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Per-state device counts of a rollout, computed at most once a second per rollout: dashboards and scripts poll
 * {@code GET /rollouts/{id}} often, and counting 100,000 device updates on every poll would compete with the engine.
 */
@Component
class ProgressCounts {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final DeviceUpdateStore store;

    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    ProgressCounts(DeviceUpdateStore store) {
        this.store = store;
    }

    private record Entry(long at, long rolloutVersion, Map<DeviceUpdateState, Integer> counts) {
    }

    /** Counts at most a second old, and never older than the rollout's last change (batch, status). */
    Map<DeviceUpdateState, Integer> of(long rolloutId, long rolloutVersion) {
        long now = System.nanoTime();
        Entry entry = cache.get(rolloutId);
        if (entry == null || entry.rolloutVersion() != rolloutVersion || now - entry.at() > MAX_AGE_NANOS) {
            entry = new Entry(now, rolloutVersion, store.countsByState(rolloutId));
            cache.put(rolloutId, entry);
        }
        return entry.counts();
    }

}
