package dev.fleetota.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An API token. Only the SHA-256 hash of the secret is stored; the secret itself is shown once. */
@Entity
@Table(name = "api_token")
class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "token_hash", nullable = false, length = 64)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
        // for JPA
    }

    ApiToken(String name, Role role, String tokenHash, Instant now) {
        this.name = name;
        this.role = role;
        this.tokenHash = tokenHash;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    /** Revokes the token; false when it already was. */
    boolean revoke(Instant now) {
        if (isRevoked()) {
            return false;
        }
        revokedAt = now;
        return true;
    }

    boolean isAdmin() {
        return role == Role.ADMIN;
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    Role getRole() {
        return role;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getLastUsedAt() {
        return lastUsedAt;
    }

    TokenView toView() {
        return new TokenView(id, name, role, createdAt, lastUsedAt, revokedAt);
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", name=" + name + ", role=" + role + "]";
    }

}
