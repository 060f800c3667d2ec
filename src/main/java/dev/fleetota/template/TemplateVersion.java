package dev.fleetota.template;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One immutable version of a template's settings. */
@Entity
@Immutable
@Table(name = "rollout_template_version")
class TemplateVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long templateId;

    private int version;

    private String name;

    private String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private Long[] cohortIds;

    @Column(name = "policy", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String policyJson;

    @Enumerated(EnumType.STRING)
    private StartMode startMode;

    private Long runForMillis;

    @Column(name = "gates", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String gatesJson;

    private String createdBy;

    private Instant createdAt;

    protected TemplateVersion() {
        // for JPA
    }

    TemplateVersion(long templateId, int version, TemplateRequest settings, String createdBy, Instant now) {
        this.templateId = templateId;
        this.version = version;
        this.name = settings.name();
        this.description = settings.description();
        this.cohortIds = settings.cohortIds().toArray(Long[]::new);
        this.policyJson = TemplateJson.write(settings.policy());
        this.startMode = settings.startMode();
        this.runForMillis = settings.runFor() == null ? null : settings.runFor().toMillis();
        this.gatesJson = TemplateJson.write(settings.namedGates());
        this.createdBy = createdBy;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    TemplateView toView(RolloutTemplate head) {
        return new TemplateView(templateId, name, version, head.getCurrentVersion(), description, List.of(cohortIds),
                TemplateJson.policy(policyJson), startMode,
                runForMillis == null ? null : Duration.ofMillis(runForMillis), TemplateJson.gates(gatesJson),
                head.getCreatedAt(), createdAt, createdBy);
    }

    long getTemplateId() {
        return templateId;
    }

    int getVersion() {
        return version;
    }

}
