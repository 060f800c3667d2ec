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

    /** A view of the rollout as of this version. */
    record Kept(long version, RolloutView view) {
    }

    private final Map<Long, Kept> byRollout = new ConcurrentHashMap<>();

    /** The kept view of this version of the rollout or of a later one (read after the version was), if any. */
    Optional<Kept> of(long rolloutId, long version) {
        Kept kept = byRollout.get(rolloutId);
        return kept != null && kept.version() >= version ? Optional.of(kept) : Optional.empty();
    }

    /** Keeps the view of a rollout as read (unless a newer version is kept already or a write may roll back). */
    void keep(Rollout rollout, RolloutView view) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return;
        }
        Kept kept = new Kept(rollout.getVersion(), view);
        byRollout.merge(rollout.getId(), kept, (old, now) -> now.version() >= old.version() ? now : old);
    }

}
