package dev.fleetota.rollout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Per-state device counts of a rollout, counted at most about once a second per rollout: dashboards and scripts poll
 * {@code GET /rollouts/{id}} often, and counting 100,000 device updates (~80 ms) on every poll would compete with the
 * engine. A request never waits for a recount while the rollout is unchanged: counts older than a second are
 * answered as they are and recounted in the background, one recount per rollout at a time (a load test at 100k
 * showed every request that found the cache expired running the same GROUP BY at once). A change of the rollout
 * itself (batch, status) is counted at once, by one of the requests that see it while the others wait for that count.
 */
@Component
class ProgressCounts implements DisposableBean {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final DeviceUpdateStore store;

    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    private final Map<Long, Boolean> recounting = new ConcurrentHashMap<>();

    private final Map<Long, Object> changeLocks = new ConcurrentHashMap<>();

    private final ExecutorService recounter = BackgroundReads.thread("progress-counts");

    ProgressCounts(DeviceUpdateStore store) {
        this.store = store;
    }

    private record Entry(long at, long rolloutVersion, Map<DeviceUpdateState, Integer> counts) {
    }

    /** Counts about a second old at most, and never older than the rollout's last change (batch, status). */
    Map<DeviceUpdateState, Integer> of(long rolloutId, long rolloutVersion) {
        Entry entry = cache.get(rolloutId);
        if (entry == null || entry.rolloutVersion() != rolloutVersion) {
            return countOnce(rolloutId, rolloutVersion);
        }
        if (System.nanoTime() - entry.at() > MAX_AGE_NANOS
                && recounting.putIfAbsent(rolloutId, Boolean.TRUE) == null) {
            try {
                recounter.execute(() -> recount(rolloutId, rolloutVersion));
            }
            catch (RuntimeException ex) {
                recounting.remove(rolloutId); // shutting down: the next call counts in the caller
            }
        }
        return entry.counts();
    }

    /** Counted now, once for all the requests that ask about the same change at the same time. */
    private Map<DeviceUpdateState, Integer> countOnce(long rolloutId, long rolloutVersion) {
        synchronized (changeLocks.computeIfAbsent(rolloutId, id -> new Object())) {
            Entry entry = cache.get(rolloutId);
            if (entry != null && entry.rolloutVersion() == rolloutVersion) {
                return entry.counts(); // counted by a request that waited here before
            }
            return count(rolloutId, rolloutVersion).counts();
        }
    }

    private void recount(long rolloutId, long rolloutVersion) {
        try {
            count(rolloutId, rolloutVersion);
        }
        finally {
            recounting.remove(rolloutId);
        }
    }

    private Entry count(long rolloutId, long rolloutVersion) {
        Entry entry = new Entry(System.nanoTime(), rolloutVersion, store.countsByState(rolloutId));
        cache.put(rolloutId, entry);
        return entry;
    }

    @Override
    public void destroy() {
        recounter.shutdownNow();
    }

}
