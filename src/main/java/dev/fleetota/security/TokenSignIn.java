package dev.fleetota.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Token checks for session-based sign-in (the dashboard): the same verification the bearer filter makes, and a
 * re-check that a signed-in session's token has not been revoked since.
 */
@Component
public class TokenSignIn {

    private final TokenVerifier verifier;

    private final ApiTokenRepository tokens;

    TokenSignIn(TokenVerifier verifier, ApiTokenRepository tokens) {
        this.verifier = verifier;
        this.tokens = tokens;
    }

    /** The authentication (name = token name, one role authority) for a valid, unrevoked token secret. */
    public Optional<Authentication> verify(String secret) {
        return verifier.verify(secret).map(Authentication.class::cast);
    }

    /** Whether an authentication made by {@link #verify} still stands: its token exists and is not revoked. */
    @Transactional(readOnly = true)
    public boolean isActive(Authentication authentication) {
        return authentication instanceof ApiTokenAuthentication token
                && tokens.findById(token.tokenId()).filter(t -> !t.isRevoked()).isPresent();
    }

}
