package dev.fleetota.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.fleetota.api.PageResponse;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit trail, newest first. */
@Service
class AuditQueries {

    private final AuditEntryRepository entries;

    AuditQueries(AuditEntryRepository entries) {
        this.entries = entries;
    }

    @Transactional(readOnly = true)
    PageResponse<AuditEntryView> find(AuditQuery query) {
        PageRequest page = PageRequest.of(query.pageOrDefault(), query.sizeOrDefault(),
                Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id")));
        return PageResponse.of(entries.findAll(Specification.allOf(filters(query)), page), AuditEntry::toView);
    }

    private static List<Specification<AuditEntry>> filters(AuditQuery query) {
        List<Specification<AuditEntry>> filters = new ArrayList<>();
        addEquals(filters, "actor", query.actor());
        addEquals(filters, "action", query.action());
        addEquals(filters, "resourceType", query.resourceType());
        addEquals(filters, "resourceId", query.resourceId());
        if (query.outcome() != null) {
            AuditOutcome outcome = query.outcome();
            filters.add((root, q, cb) -> cb.equal(root.get("outcome"), outcome));
        }
        if (query.from() != null) {
            Instant from = query.from();
            filters.add((root, q, cb) -> cb.greaterThanOrEqualTo(root.get("at"), from));
        }
        if (query.to() != null) {
            Instant to = query.to();
            filters.add((root, q, cb) -> cb.lessThan(root.get("at"), to));
        }
        return filters;
    }

    private static void addEquals(List<Specification<AuditEntry>> filters, String attribute, String value) {
        if (value != null && !value.isBlank()) {
            filters.add((root, q, cb) -> cb.equal(root.get(attribute), value));
        }
    }

}
