package dev.fleetota.security;

import java.time.Instant;

/**
 * A newly created token, with its secret. The secret is returned exactly once (in the creation response) and
 * never stored; {@link #toString()} masks it.
 */
public record IssuedToken(long id, String name, Role role, Instant createdAt, String token) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", name=" + name + ", role=" + role + ", token=****]";
    }

}
