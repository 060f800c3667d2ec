package dev.fleetota.audit;

import java.time.Instant;
import java.util.Map;

/** An audit entry as the API returns it. */
public record AuditEntryView(long id, Instant at, String actor, String action, String resourceType,
        String resourceId, AuditOutcome outcome, Map<String, Object> detail) {

}
