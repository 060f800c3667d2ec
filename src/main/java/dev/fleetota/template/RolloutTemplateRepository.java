package dev.fleetota.template;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface RolloutTemplateRepository extends JpaRepository<RolloutTemplate, Long> {

    @Query("SELECT t FROM RolloutTemplate t WHERE t.id = :id AND t.deletedAt IS NULL")
    Optional<RolloutTemplate> findLive(long id);

    /** The live template, locked so concurrent updates write consecutive versions. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT t FROM RolloutTemplate t WHERE t.id = :id AND t.deletedAt IS NULL")
    Optional<RolloutTemplate> lockLive(long id);

    @Query("SELECT t FROM RolloutTemplate t WHERE t.name = :name AND t.deletedAt IS NULL")
    Optional<RolloutTemplate> findLiveByName(String name);

    @Query("SELECT t FROM RolloutTemplate t WHERE t.deletedAt IS NULL")
    Page<RolloutTemplate> findAllLive(Pageable pageable);

}
