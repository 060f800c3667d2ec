package dev.fleetota.cohort;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A named cohort. Its static members live in cohort_member (see {@link CohortMembers}). */
@Entity
@Table(name = "cohort")
class Cohort {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 1000)
    private String description;

    @JdbcTypeCode(SqlTypes.JSON)
    private CohortSelector selector;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Cohort() {
        // for JPA
    }

    Cohort(String name, String description, CohortSelector selector, Instant now) {
        this.name = name;
        this.description = description;
        this.selector = selector;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        this.updatedAt = this.createdAt;
    }

    /** Replaces name, description and selector (a PUT). */
    void redefine(String newName, String newDescription, CohortSelector newSelector, Instant now) {
        this.name = newName;
        this.description = newDescription;
        this.selector = newSelector;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    String getDescription() {
        return description;
    }

    CohortSelector getSelector() {
        return selector;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    long getVersion() {
        return version;
    }

}
