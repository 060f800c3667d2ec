package dev.fleetota.template;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A template's head: its name and which version is current. The settings live in {@link TemplateVersion}s. */
@Entity
@Table(name = "rollout_template")
class RolloutTemplate {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private int currentVersion;

    private String createdBy;

    private Instant createdAt;

    private Instant updatedAt;

    private Instant deletedAt;

    @Version
    private long version;

    protected RolloutTemplate() {
        // for JPA
    }

    RolloutTemplate(String name, String createdBy, Instant now) {
        this.name = name;
        this.currentVersion = 1;
        this.createdBy = createdBy;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    /** An update: the next version becomes current (and the template may be renamed). Returns its number. */
    int nextVersion(String newName, Instant now) {
        requireLive();
        this.name = newName;
        this.currentVersion++;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
        return currentVersion;
    }

    void delete(Instant now) {
        requireLive();
        this.deletedAt = now;
    }

    boolean isDeleted() {
        return deletedAt != null;
    }

    private void requireLive() {
        if (deletedAt != null) {
            throw new IllegalStateException("template " + id + " is deleted");
        }
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    int getCurrentVersion() {
        return currentVersion;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

}
