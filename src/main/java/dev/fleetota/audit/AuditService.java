package dev.fleetota.audit;

import java.time.Clock;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the audit trail. {@link #record} joins the caller's transaction, so the entry commits (or rolls back)
 * with the change it describes; {@link #recordRejected} commits on its own, for requests that are refused and
 * whose own transaction rolls back. The actor is the authenticated token's name, or {@code system}.
 */
@Service
public class AuditService {

    private final AuditEntryRepository entries;

    private final Clock clock;

    AuditService(AuditEntryRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /** Records an action in the caller's transaction. Never put secrets in {@code detail}. */
    @Transactional
    public void record(String action, String resourceType, String resourceId, AuditOutcome outcome,
            Map<String, ?> detail) {
        save(action, resourceType, resourceId, outcome, detail);
    }

    /** Records a refused request in a transaction of its own, so it survives the caller's rollback. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRejected(String action, String resourceType, String resourceId, Map<String, ?> detail) {
        save(action, resourceType, resourceId, AuditOutcome.REJECTED, detail);
    }

    private void save(String action, String resourceType, String resourceId, AuditOutcome outcome,
            Map<String, ?> detail) {
        entries.save(new AuditEntry(clock.instant(), Actors.current(), action, resourceType, resourceId, outcome,
                AuditDetails.copyOf(detail)));
    }

}
