package dev.fleetota.rollout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The view of each rollout's latest version, without progress and ETA: {@code GET /rollouts/{id}} then needs only
 * the rollout's version from the database, not the row, nor the jsonb policy and halt reason parsed again. Every
 * change of a rollout goes through JPA and raises its {@code @Version}, so a view of the current version is
 * current, also when another instance made the change. Views built inside a read-write transaction are not kept
 * (it may still roll back, and its version be reused by another change).
 */
@Component
class CurrentViews {

    private record Entry(long version, RolloutView view) {
    }

    private final Map<Long, Entry> byRollout = new ConcurrentHashMap<>();

    /** The kept view of this version of the rollout, if any. */
    Optional<RolloutView> of(long rolloutId, long version) {
        Entry entry = byRollout.get(rolloutId);
        return entry != null && entry.version() == version ? Optional.of(entry.view()) : Optional.empty();
    }

    /** Keeps the view of a rollout as read (unless a newer version is kept already or a write may roll back). */
    void keep(Rollout rollout, RolloutView view) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return;
        }
        Entry entry = new Entry(rollout.getVersion(), view);
        byRollout.merge(rollout.getId(), entry, (old, now) -> now.version() >= old.version() ? now : old);
    }

}
