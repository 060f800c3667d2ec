package dev.fleetota.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated API token: the name is the audit actor, the role its single authority. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final long tokenId;

    private final String tokenName;

    private final Role role;

    ApiTokenAuthentication(long tokenId, String tokenName, Role role) {
        super(List.of(new SimpleGrantedAuthority(role.authority())));
        this.tokenId = tokenId;
        this.tokenName = tokenName;
        this.role = role;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return tokenName;
    }

    @Override
    public String getName() {
        return tokenName;
    }

    long tokenId() {
        return tokenId;
    }

    Role role() {
        return role;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiTokenAuthentication o && o.tokenId == tokenId && o.role == role;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tokenId);
    }

}
