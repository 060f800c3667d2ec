package dev.fleetota.rollout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The current version of each rollout that {@code GET /rollouts/{id}} asks for, so that a GET needs no database
 * round trip. A change committed by this instance drops the rollout's entry at once ({@link RolloutChanges}), so
 * this instance reads its own changes. A change by another instance is seen within about {@link #MAX_AGE_NANOS}
 * plus one query: an older entry is answered as it is and read again in the background, one read per rollout at a
 * time (a request never waits for it once the rollout was read).
 */
@Component
class RolloutVersions implements DisposableBean {

    static final long MAX_AGE_NANOS = 100_000_000L;

    private record Seen(long version, long at) {
    }

    private final JdbcTemplate jdbc;

    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

    private final Map<Long, Boolean> reading = new ConcurrentHashMap<>();

    private final AtomicLong changes = new AtomicLong();

    private final ExecutorService reader = BackgroundReads.thread("rollout-versions");

    RolloutVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The rollout's version (as described above), or null when there is no such rollout. Inside a transaction the
     * version as that transaction sees it (an operator action answers with its own change), not kept.
     */
    Long of(long rolloutId) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            List<Long> version = query(rolloutId);
            return version.isEmpty() ? null : version.get(0);
        }
        Seen entry = seen.get(rolloutId);
        if (entry == null) {
            return read(rolloutId);
        }
        if (System.nanoTime() - entry.at() > MAX_AGE_NANOS && reading.putIfAbsent(rolloutId, Boolean.TRUE) == null) {
            try {
                reader.execute(() -> readAgain(rolloutId));
            }
            catch (RejectedExecutionException ex) {
                reading.remove(rolloutId); // shutting down
            }
        }
        return entry.version();
    }

    /** This instance committed a change of the rollout: its next GET reads the version. */
    void changed(long rolloutId) {
        changes.incrementAndGet();
        seen.remove(rolloutId);
    }

    private void readAgain(long rolloutId) {
        try {
            read(rolloutId);
        }
        finally {
            reading.remove(rolloutId);
        }
    }

    private Long read(long rolloutId) {
        long generation = changes.get();
        List<Long> version = query(rolloutId);
        if (version.isEmpty()) {
            seen.remove(rolloutId);
            return null;
        }
        Seen entry = new Seen(version.get(0), System.nanoTime());
        seen.put(rolloutId, entry);
        if (changes.get() != generation) {
            seen.remove(rolloutId, entry); // a change committed while reading: not kept
        }
        return entry.version();
    }

    private List<Long> query(long rolloutId) {
        return jdbc.queryForList("SELECT version FROM rollout WHERE id = ?", Long.class, rolloutId);
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }

}
