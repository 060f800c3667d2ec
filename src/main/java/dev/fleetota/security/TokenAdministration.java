package dev.fleetota.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Creates, lists and revokes API tokens. Every change is audited; secrets never reach the audit trail. */
@Service
public class TokenAdministration {

    static final String RESOURCE = "api-token";

    private final ApiTokenRepository tokens;

    private final VerifiedTokens verified;

    private final AuditService audit;

    private final Clock clock;

    TokenAdministration(ApiTokenRepository tokens, VerifiedTokens verified, AuditService audit, Clock clock) {
        this.tokens = tokens;
        this.verified = verified;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates a token with a fresh random secret, returned once in the result. */
    @Transactional
    public IssuedToken issue(String name, Role role) {
        return issue(name, role, TokenSecrets.generate());
    }

    /** Creates a token with a given secret (the configured first admin token). */
    @Transactional
    IssuedToken issue(String name, Role role, String secret) {
        if (tokens.existsByName(name)) {
            audit.recordRejected("token.create", RESOURCE, null, Map.of("name", name, "reason", "name taken"));
            throw new ConflictException("token-name-taken", "Token name taken",
                    "A token named '" + name + "' already exists; names are unique, also for revoked tokens.",
                    Map.of("name", name));
        }
        ApiToken token = tokens.save(new ApiToken(name, role, TokenSecrets.hash(secret), clock.instant()));
        audit.record("token.create", RESOURCE, String.valueOf(token.getId()), AuditOutcome.SUCCESS,
                Map.of("name", name, "role", role.name()));
        return new IssuedToken(token.getId(), name, role, token.getCreatedAt(), secret);
    }

    /**
     * The first token ({@code name}, ADMIN, {@code secret}) unless a token exists by now; empty then. Instances
     * starting at once on an empty database serialize on a lock of the token table, held until commit: the first
     * creates the token, the others wait for its commit, then see it and create nothing (no conflict, no audit entry).
     */
    @Transactional
    Optional<IssuedToken> issueFirstAdmin(String name, String secret) {
        tokens.lockAgainstConcurrentWriters();
        if (tokens.count() > 0) {
            return Optional.empty();
        }
        return Optional.of(issue(name, Role.ADMIN, secret));
    }

    @Transactional(readOnly = true)
    public List<TokenView> list() {
        return tokens.findAllByOrderByIdAsc().stream().map(ApiToken::toView).toList();
    }

    /**
     * Revokes a token; revoking a revoked token changes nothing. The last active ADMIN token cannot be revoked.
     * The token stops working on this instance when the revocation commits, on others within the token cache TTL.
     */
    @Transactional
    public void revoke(long id) {
        ApiToken token = tokens.findById(id).orElseThrow(() -> new NotFoundException("api-token", id));
        if (token.isRevoked()) {
            return;
        }
        if (token.isAdmin() && tokens.countByRoleAndRevokedAtIsNull(Role.ADMIN) <= 1) {
            audit.recordRejected("token.revoke", RESOURCE, String.valueOf(id), Map.of("reason", "last admin token"));
            throw new ConflictException("last-admin-token", "Last admin token",
                    "Token " + id + " is the last active ADMIN token; create another ADMIN token first.",
                    Map.of("tokenId", id));
        }
        token.revoke(clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                verified.forget(id);
            }
        });
        audit.record("token.revoke", RESOURCE, String.valueOf(id), AuditOutcome.SUCCESS,
                Map.of("name", token.getName(), "role", token.getRole().name()));
    }

    @Transactional(readOnly = true)
    boolean anyTokenExists() {
        return tokens.count() > 0;
    }

}
