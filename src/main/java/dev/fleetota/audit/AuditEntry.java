package dev.fleetota.audit;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One audited action. Append-only: no setters. */
@Entity
@Table(name = "audit_entry")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 100)
    private String actor;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(name = "resource_type", nullable = false, length = 32)
    private String resourceType;

    @Column(name = "resource_id", length = 64)
    private String resourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AuditOutcome outcome;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> detail;

    protected AuditEntry() {
        // for JPA
    }

    AuditEntry(Instant at, String actor, String action, String resourceType, String resourceId,
            AuditOutcome outcome, Map<String, Object> detail) {
        this.at = at;
        this.actor = truncate(actor, 100);
        this.action = truncate(action, 64);
        this.resourceType = truncate(resourceType, 32);
        this.resourceId = truncate(resourceId, 64);
        this.outcome = outcome;
        this.detail = detail;
    }

    AuditEntryView toView() {
        return new AuditEntryView(id, at, actor, action, resourceType, resourceId, outcome, detail);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

}
