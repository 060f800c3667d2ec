package dev.fleetota.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.fleetota.security.VerifiedTokens.Verified;

import org.springframework.stereotype.Component;

/**
 * Looks a presented secret up by its hash. Revoked and unknown tokens are rejected. A token verified within the
 * last {@code fleetota.security.token-cache-ttl} is taken from {@link VerifiedTokens} without a database round trip;
 * otherwise one read-only lookup. {@code last_used_at} is written at most once per
 * {@code fleetota.security.last-used-resolution} per token, not on every request.
 */
@Component
class TokenVerifier {

    private final ApiTokenRepository tokens;

    private final VerifiedTokens verified;

    private final ApiSecurityProperties properties;

    private final Clock clock;

    TokenVerifier(ApiTokenRepository tokens, VerifiedTokens verified, ApiSecurityProperties properties, Clock clock) {
        this.tokens = tokens;
        this.verified = verified;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<ApiTokenAuthentication> verify(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String hash = TokenSecrets.hash(secret);
        Optional<Verified> token = verified.get(hash).or(() -> load(hash));
        token.ifPresent(t -> recordUse(hash, t));
        return token.map(Verified::authentication);
    }

    private Optional<Verified> load(String hash) {
        long generation = verified.generation();
        Optional<Verified> token = tokens.findByTokenHash(hash)
            .filter(t -> !t.isRevoked())
            .map(t -> new Verified(t.getId(), t.getName(), t.getRole(), t.getLastUsedAt()));
        token.ifPresent(t -> verified.put(hash, t, generation));
        return token;
    }

    private void recordUse(String hash, Verified token) {
        Instant now = clock.instant();
        Instant threshold = now.minus(properties.lastUsedResolution());
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(threshold)) {
            tokens.touch(token.id(), now, threshold);
            verified.used(hash, now);
        }
    }

}
