package dev.fleetota.rollout;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The rollout aggregate: its state machine (design §3) with guarded, intention-revealing transitions. */
@Entity
@Table(name = "rollout")
class Rollout {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    private long firmwareReleaseId;

    private int productId;

    private int targetFirmwareVersion;

    private String targetDeviceOs;

    private long targetDeviceOsRank;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private Integer[] targetPlatformIds;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private Long[] cohortIds;

    @Enumerated(EnumType.STRING)
    private RolloutStatus status = RolloutStatus.DRAFT;

    @Enumerated(EnumType.STRING)
    private WaitReason waitReason;

    @Column(name = "policy", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String policyJson;

    private Instant startAt;

    private Instant endBy;

    private int currentBatch;

    private int totalBatches;

    private Instant soakUntil;

    @Column(name = "halt_reason", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String haltReasonJson;

    private Instant haltedAt;

    private Instant resumedAt;

    private String createdBy;

    private Instant createdAt;

    private Instant startedAt;

    private Instant finishedAt;

    private Instant updatedAt;

    private Long templateId;

    private Integer templateVersion;

    @Version
    private long version;

    protected Rollout() {
        // for JPA
    }

    Rollout(String name, RolloutTarget target, List<Long> cohortIds, RolloutPolicy policy, String createdBy,
            Instant now) {
        this.name = name;
        this.firmwareReleaseId = target.firmwareReleaseId();
        this.productId = target.productId();
        this.targetFirmwareVersion = target.firmwareVersion();
        this.targetDeviceOs = target.deviceOs();
        this.targetDeviceOsRank = target.deviceOsRank();
        this.targetPlatformIds = target.platformIds().toArray(Integer[]::new);
        this.cohortIds = cohortIds.toArray(Long[]::new);
        this.policyJson = RolloutJson.write(policy);
        this.startAt = policy.schedule().startAt();
        this.endBy = policy.schedule().endBy();
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Start now, or schedule for the policy's start time. Batches must have been planned. */
    void start(int plannedBatches, Instant now) {
        requireAction(status == RolloutStatus.DRAFT, "start");
        this.totalBatches = plannedBatches;
        if (startAt != null && startAt.isAfter(now)) {
            moveTo(RolloutStatus.SCHEDULED, now);
        }
        else {
            begin(now);
        }
    }

    /** A scheduled rollout's start time has come. */
    void begin(Instant now) {
        moveTo(RolloutStatus.RUNNING, now);
        this.startedAt = now;
    }

    void pause(Instant now) {
        requireAction(status == RolloutStatus.RUNNING || status == RolloutStatus.WAITING, "pause");
        moveTo(RolloutStatus.PAUSED, now);
    }

    /** Resume a paused rollout, or a halted one after an operator inspected it. */
    void resume(Instant now) {
        requireAction(status == RolloutStatus.PAUSED || status == RolloutStatus.HALTED, "resume");
        if (status == RolloutStatus.HALTED) {
            this.resumedAt = now; // rules are judged while paused, not while halted
        }
        moveTo(RolloutStatus.RUNNING, now);
        this.haltReasonJson = null;
        this.haltedAt = null;
    }

    void approve(Instant now) {
        requireAction(status == RolloutStatus.WAITING && waitReason == WaitReason.APPROVAL, "approve");
        moveTo(RolloutStatus.RUNNING, now);
    }

    void cancel(Instant now) {
        requireAction(status.canTransitionTo(RolloutStatus.CANCELLED), "cancel");
        moveTo(RolloutStatus.CANCELLED, now);
        this.finishedAt = now;
    }

    void halt(HaltReason reason, Instant now) {
        moveTo(RolloutStatus.HALTED, now);
        this.haltReasonJson = RolloutJson.write(reason);
        this.haltedAt = now;
    }

    void waitFor(WaitReason reason, Instant soakUntil, Instant now) {
        moveTo(RolloutStatus.WAITING, now);
        this.waitReason = reason;
        this.soakUntil = soakUntil;
    }

    /** A wait is over (soak done, window open): back to work. */
    void proceed(Instant now) {
        moveTo(RolloutStatus.RUNNING, now);
    }

    void openBatch(int number, Instant now) {
        this.currentBatch = number;
        this.updatedAt = now;
    }

    void complete(Instant now) {
        moveTo(RolloutStatus.COMPLETED, now);
        this.finishedAt = now;
    }

    void fromTemplate(long templateId, int templateVersion) {
        this.templateId = templateId;
        this.templateVersion = templateVersion;
    }

    private void moveTo(RolloutStatus target, Instant now) {
        if (!status.canTransitionTo(target)) {
            throw new IllegalRolloutTransitionException(id, status, target.name().toLowerCase());
        }
        this.status = target;
        this.waitReason = null;
        this.soakUntil = null;
        this.updatedAt = now;
    }

    private void requireAction(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalRolloutTransitionException(id, status, action);
        }
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    long getFirmwareReleaseId() {
        return firmwareReleaseId;
    }

    int getProductId() {
        return productId;
    }

    int getTargetFirmwareVersion() {
        return targetFirmwareVersion;
    }

    String getTargetDeviceOs() {
        return targetDeviceOs;
    }

    long getTargetDeviceOsRank() {
        return targetDeviceOsRank;
    }

    List<Integer> getTargetPlatformIds() {
        return List.of(targetPlatformIds);
    }

    List<Long> getCohortIds() {
        return List.of(cohortIds);
    }

    RolloutStatus getStatus() {
        return status;
    }

    WaitReason getWaitReason() {
        return waitReason;
    }

    RolloutPolicy getPolicy() {
        return RolloutJson.read(policyJson, RolloutPolicy.class);
    }

    int getCurrentBatch() {
        return currentBatch;
    }

    int getTotalBatches() {
        return totalBatches;
    }

    Instant getSoakUntil() {
        return soakUntil;
    }

    HaltReason getHaltReason() {
        return RolloutJson.read(haltReasonJson, HaltReason.class);
    }

    Instant getHaltedAt() {
        return haltedAt;
    }

    /** When it was last resumed from HALTED, or null. */
    Instant getResumedAt() {
        return resumedAt;
    }

    String getCreatedBy() {
        return createdBy;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getFinishedAt() {
        return finishedAt;
    }

    Instant getStartAt() {
        return startAt;
    }

    Long getTemplateId() {
        return templateId;
    }

    Integer getTemplateVersion() {
        return templateVersion;
    }

    long getVersion() {
        return version;
    }

}
