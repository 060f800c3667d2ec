package dev.fleetota.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A bearer token as presented, not yet checked. Never prints the secret. */
final class BearerTokenCandidate extends AbstractAuthenticationToken {

    private final String secret;

    BearerTokenCandidate(String secret) {
        super(List.of());
        this.secret = secret;
        setAuthenticated(false);
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    @Override
    public Object getPrincipal() {
        return "bearer-token";
    }

    String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "BearerTokenCandidate[****]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

}
