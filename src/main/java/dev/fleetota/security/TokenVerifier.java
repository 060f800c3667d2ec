package dev.fleetota.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Looks a presented secret up by its hash. Revoked and unknown tokens are rejected. {@code last_used_at} is
 * written at most once per {@code fleetota.security.last-used-resolution} per token, not on every request.
 */
@Component
class TokenVerifier {

    private final ApiTokenRepository tokens;

    private final ApiSecurityProperties properties;

    private final Clock clock;

    TokenVerifier(ApiTokenRepository tokens, ApiSecurityProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    Optional<ApiTokenAuthentication> verify(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return tokens.findByTokenHash(TokenSecrets.hash(secret)).filter(token -> !token.isRevoked()).map(token -> {
            recordUse(token);
            return new ApiTokenAuthentication(token.getId(), token.getName(), token.getRole());
        });
    }

    private void recordUse(ApiToken token) {
        Instant now = clock.instant();
        Instant threshold = now.minus(properties.lastUsedResolution());
        if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(threshold)) {
            tokens.touch(token.getId(), now, threshold);
        }
    }

}
