package dev.fleetota.rollout;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RolloutRepository extends JpaRepository<Rollout, Long> {

    /** Locks the rollout for one engine step; empty when another instance is stepping it right now. */
    @Query(value = "SELECT * FROM rollout WHERE id = :id FOR UPDATE SKIP LOCKED", nativeQuery = true)
    Optional<Rollout> lockForStep(long id);

    /** Locks the rollout for an operator action (waits for a running step). */
    @Query(value = "SELECT * FROM rollout WHERE id = :id FOR UPDATE", nativeQuery = true)
    Optional<Rollout> lockForAction(long id);

    /** Rollouts the engine must look at: active ones, and finished ones that still have devices in flight. */
    @Query(value = """
            SELECT r.id FROM rollout r
            WHERE r.status IN ('SCHEDULED', 'RUNNING', 'WAITING', 'PAUSED', 'HALTED')
               OR (r.status IN ('CANCELLED', 'COMPLETED') AND EXISTS (
                    SELECT 1 FROM device_update du WHERE du.rollout_id = r.id
                    AND du.state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING')))
            ORDER BY r.id
            """, nativeQuery = true)
    List<Long> findIdsToStep();

    Page<Rollout> findByStatusIn(Collection<RolloutStatus> statuses, Pageable pageable);

}
