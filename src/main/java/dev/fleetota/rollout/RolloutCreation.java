package dev.fleetota.rollout;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.cohort.CohortService;
import dev.fleetota.common.NotFoundException;
import dev.fleetota.common.SemVer;
import dev.fleetota.firmware.FirmwareService;
import dev.fleetota.firmware.FirmwareView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating rollouts (DRAFT) and planning them (dry run). */
@Service
public class RolloutCreation {

    private final RolloutRepository rollouts;

    private final FirmwareService firmware;

    private final CohortService cohorts;

    private final PlanCandidates candidates;

    private final AuditService audit;

    private final RolloutProperties properties;

    private final RolloutQueries queries;

    private final Clock clock;

    RolloutCreation(RolloutRepository rollouts, FirmwareService firmware, CohortService cohorts,
            PlanCandidates candidates, AuditService audit, RolloutProperties properties, RolloutQueries queries,
            Clock clock) {
        this.rollouts = rollouts;
        this.firmware = firmware;
        this.cohorts = cohorts;
        this.candidates = candidates;
        this.audit = audit;
        this.properties = properties;
        this.queries = queries;
        this.clock = clock;
    }

    @Transactional
    public RolloutView create(CreateRollout request, String actor) {
        return create(request, actor, null, null);
    }

    /** Creates a rollout that records the template (id and version) it was made from. */
    @Transactional
    public RolloutView create(CreateRollout request, String actor, Long templateId, Integer templateVersion) {
        RolloutTarget target = target(request.firmwareId());
        request.cohortIds().forEach(cohorts::get);
        Rollout rollout = new Rollout(request.name(), target, request.cohortIds().stream().distinct().toList(),
                request.policy(), actor, clock.instant());
        if (templateId != null) {
            rollout.fromTemplate(templateId, templateVersion);
        }
        rollout = rollouts.save(rollout);
        audit.record("rollout.create", "rollout", String.valueOf(rollout.getId()), AuditOutcome.SUCCESS,
                Map.of("name", request.name(), "firmwareId", request.firmwareId(), "cohortIds", request.cohortIds()));
        return queries.get(rollout.getId());
    }

    /** The dry run: which devices go in which batch, who is left out and why, how long it should take. */
    @Transactional(readOnly = true)
    public RolloutPlan plan(long rolloutId) {
        Rollout rollout = rollouts.findById(rolloutId).orElseThrow(() -> new NotFoundException("rollout", rolloutId));
        return plan(rollout);
    }

    RolloutPlan plan(Rollout rollout) {
        List<String> members = cohorts.resolveDeviceIds(rollout.getCohortIds());
        RolloutTarget target = new RolloutTarget(rollout.getFirmwareReleaseId(), rollout.getProductId(),
                rollout.getTargetFirmwareVersion(), rollout.getTargetDeviceOs(), rollout.getTargetDeviceOsRank(),
                rollout.getTargetPlatformIds());
        return BatchPlanner.plan(members, candidates.load(members), target, rollout.getPolicy(),
                properties.dispatchRatePerSecond());
    }

    private RolloutTarget target(long firmwareId) {
        FirmwareView fw = firmware.get(firmwareId);
        return new RolloutTarget(fw.id(), fw.productId(), fw.version(), fw.deviceOsVersion(),
                SemVer.parse(fw.deviceOsVersion()).rank(), List.copyOf(fw.platformIds()));
    }

}
