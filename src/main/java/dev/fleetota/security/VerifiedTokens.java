package dev.fleetota.security;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tokens verified recently, by secret hash, so that a request with a known token needs no database round trip.
 * An entry lives {@code fleetota.security.token-cache-ttl} (default 5 s). A revocation through this instance
 * removes the token's entries when it commits ({@link #forget}); a token revoked elsewhere (another instance, SQL)
 * is refused here within the TTL. Unknown and revoked tokens are never cached: a new token works at once, and a
 * wrong secret always costs a lookup.
 */
@Component
class VerifiedTokens {

    /** Entries kept before expired ones are swept (only valid tokens are cached, so this is rarely reached). */
    private static final int SWEEP_ABOVE = 1_000;

    /** A token as verified: enough to authenticate a request and to decide whether last_used_at is due. */
    record Verified(long id, String name, Role role, Instant lastUsedAt) {

        ApiTokenAuthentication authentication() {
            return new ApiTokenAuthentication(id, name, role);
        }

    }

    private record Entry(Verified token, long expiresAt) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

    private final AtomicLong forgets = new AtomicLong();

    private final long ttlNanos;

    private final LongSupplier nanoTime;

    @Autowired
    VerifiedTokens(ApiSecurityProperties properties) {
        this(properties.tokenCacheTtl().toNanos(), System::nanoTime);
    }

    VerifiedTokens(long ttlNanos, LongSupplier nanoTime) {
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
    }

    /** The token verified under this hash within the TTL, if any. */
    Optional<Verified> get(String hash) {
        Entry entry = byHash.get(hash);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoTime.getAsLong() - entry.expiresAt() >= 0) {
            byHash.remove(hash, entry);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    /** Taken before a database lookup and handed to {@link #put}: a {@link #forget} in between voids the put. */
    long generation() {
        return forgets.get();
    }

    /** Caches a token read from the database after {@link #generation} returned {@code generation}. */
    void put(String hash, Verified token, long generation) {
        if (ttlNanos <= 0) {
            return;
        }
        if (byHash.size() > SWEEP_ABOVE) {
            long now = nanoTime.getAsLong();
            byHash.values().removeIf(e -> now - e.expiresAt() >= 0);
        }
        Entry entry = new Entry(token, nanoTime.getAsLong() + ttlNanos);
        byHash.put(hash, entry);
        if (forgets.get() != generation) {
            byHash.remove(hash, entry); // a revocation committed while the row was being read
        }
    }

    /** Notes a write of last_used_at, so the cached token does not look due again until the next period. */
    void used(String hash, Instant at) {
        byHash.computeIfPresent(hash, (k, e) -> new Entry(
                new Verified(e.token().id(), e.token().name(), e.token().role(), at), e.expiresAt()));
    }

    /** Drops a token (after its revocation committed): its next request is checked against the database. */
    void forget(long tokenId) {
        forgets.incrementAndGet();
        byHash.values().removeIf(e -> e.token().id() == tokenId);
    }

}
