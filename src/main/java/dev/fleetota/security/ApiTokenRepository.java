package dev.fleetota.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    boolean existsByName(String name);

    long countByRoleAndRevokedAtIsNull(Role role);

    List<ApiToken> findAllByOrderByIdAsc();

    /** Blocks other writers of the table (and other callers of this) until the transaction ends; reads go on. */
    @Modifying
    @Query(value = "LOCK TABLE api_token IN SHARE ROW EXCLUSIVE MODE", nativeQuery = true)
    void lockAgainstConcurrentWriters();

    /** Sets last_used_at unless it was set after {@code threshold}: at most one write per token and period. */
    @Transactional
    @Modifying
    @Query("update ApiToken t set t.lastUsedAt = :now where t.id = :id"
            + " and (t.lastUsedAt is null or t.lastUsedAt < :threshold)")
    int touch(long id, Instant now, Instant threshold);

}
