package dev.fleetota.audit;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Filters for {@code GET /api/v1/audit}; every filter is optional; {@code from} inclusive, {@code to} exclusive. */
record AuditQuery(@Size(max = 100) String actor, @Size(max = 64) String action, @Size(max = 32) String resourceType,
        @Size(max = 64) String resourceId, AuditOutcome outcome, Instant from, Instant to, @Min(0) Integer page,
        @Min(1) @Max(500) Integer size) {

    int pageOrDefault() {
        return page == null ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null ? 50 : size;
    }

}
