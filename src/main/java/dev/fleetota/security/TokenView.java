package dev.fleetota.security;

import java.time.Instant;

/** A token as listed by the admin API: never its secret or hash. */
public record TokenView(long id, String name, Role role, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

}
