package dev.fleetota.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Authenticates {@link BearerTokenCandidate}s against the api_token table. Being an {@link AuthenticationProvider}
 * bean also keeps Boot from creating its default in-memory user.
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final TokenVerifier verifier;

    ApiTokenAuthenticationProvider(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        BearerTokenCandidate candidate = (BearerTokenCandidate) authentication;
        return verifier.verify(candidate.secret())
            .orElseThrow(() -> new BadCredentialsException("The bearer token is unknown or revoked."));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenCandidate.class.isAssignableFrom(authentication);
    }

}
