package dev.fleetota.promotion;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.audit.Actors;
import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.InvalidRequestException;
import dev.fleetota.firmware.FirmwareService;
import dev.fleetota.firmware.FirmwareView;
import dev.fleetota.firmware.RegistrationResult;
import dev.fleetota.promotion.PromotionResult.TemplateRef;
import dev.fleetota.rollout.CreateRollout;
import dev.fleetota.rollout.RolloutControl;
import dev.fleetota.rollout.RolloutCreation;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.template.TemplateService;
import dev.fleetota.template.TemplateView;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One promotion as one transaction: claim the idempotency key (or replay what it already produced), resolve the
 * template, register or find the firmware, decide the gates, create the rollout from the template and start or
 * schedule it, store the response. Anything that fails rolls all of it back, key included. No Particle calls.
 */
@Service
class PromotionExecution {

    private static final String RESOURCE = "promotion";

    private final PromotionStore store;

    private final TemplateService templates;

    private final FirmwareService firmware;

    private final GateEvaluator gates;

    private final RolloutCreation creation;

    private final RolloutControl control;

    private final AuditService audit;

    private final JsonMapper json;

    private final Clock clock;

    PromotionExecution(PromotionStore store, TemplateService templates, FirmwareService firmware, GateEvaluator gates,
            RolloutCreation creation, RolloutControl control, AuditService audit, JsonMapper json, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.firmware = firmware;
        this.gates = gates;
        this.creation = creation;
        this.control = control;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    Promoted execute(PromotionRequest request, String key, String requestHash) {
        Instant now = clock.instant();
        String actor = Actors.current();
        long promotionId;
        if (key != null) {
            PromotionStore.Claim claim = store.claim(key, requestHash, actor, now);
            if (!claim.fresh()) {
                return replay(claim, key, requestHash);
            }
            promotionId = claim.promotionId();
        }
        else {
            promotionId = store.insert(requestHash, actor, now);
        }
        PromotionResult result = promote(promotionId, request, actor, now);
        store.complete(promotionId, result.template().id(), result.template().version(), result.firmware().id(),
                result.rollout().id(), json.writeValueAsString(result));
        audit.record("promotion.create", RESOURCE, String.valueOf(promotionId), AuditOutcome.SUCCESS,
                summary(result, key));
        return new Promoted(result, false);
    }

    private PromotionResult promote(long promotionId, PromotionRequest request, String actor, Instant now) {
        TemplateView template = templates.resolve(request.template().trim(), request.templateVersion());
        RegistrationResult registration = firmware.registerOrFind(request.firmware());
        FirmwareView release = registration.release();
        List<GateDecision> decisions = decide(template, release);
        StartPlan plan = StartPlan.of(template, now);
        CreateRollout create = new CreateRollout(rolloutName(request, template, release), release.id(),
                template.cohortIds(), plan.applyTo(template.policy()));
        RolloutView rollout = creation.create(create, actor, template.id(), template.version());
        if (plan.start()) {
            rollout = control.start(rollout.id());
            auditStart(rollout, template, plan, now);
        }
        return new PromotionResult(promotionId, new TemplateRef(template.id(), template.name(), template.version()),
                release, registration.created(), rollout, template.startMode(), plan.startAt(), plan.endBy(),
                decisions, actor, now);
    }

    private List<GateDecision> decide(TemplateView template, FirmwareView release) {
        List<GateDecision> decisions = gates.evaluate(template.gates(), release);
        decisions.stream().filter(d -> !d.passed()).findFirst().ifPresent(failed -> {
            throw new GateRefusedException(template, release, failed, decisions);
        });
        if (!decisions.isEmpty()) {
            audit.record("promotion.gate", "rollout-template", String.valueOf(template.id()), AuditOutcome.SUCCESS,
                    gateDetail(template, release, decisions));
        }
        return decisions;
    }

    private Promoted replay(PromotionStore.Claim claim, String key, String requestHash) {
        if (!claim.requestHash().equals(requestHash)) {
            throw new InvalidRequestException("idempotency-key-reused",
                    "Idempotency-Key '" + key + "' was used for promotion " + claim.promotionId()
                            + " with a different request body; use a new key for a different request.",
                    Map.of("idempotencyKey", key, "promotionId", claim.promotionId()), true);
        }
        PromotionResult result = json.readValue(claim.response(), PromotionResult.class);
        audit.record("promotion.replay", RESOURCE, String.valueOf(claim.promotionId()), AuditOutcome.SUCCESS,
                Map.of("idempotencyKey", key, "rolloutId", result.rollout().id()));
        return new Promoted(result, true);
    }

    private void auditStart(RolloutView rollout, TemplateView template, StartPlan plan, Instant now) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", rollout.status().name());
        detail.put("startMode", template.startMode().name());
        detail.put("startAt", plan.startAt() == null ? now.toString() : plan.startAt().toString());
        detail.put("endBy", plan.endBy() == null ? null : plan.endBy().toString());
        detail.put("template", template.name());
        detail.put("templateVersion", template.version());
        String action = plan.scheduled(now) ? "promotion.schedule-start" : "promotion.start";
        audit.record(action, "rollout", String.valueOf(rollout.id()), AuditOutcome.SUCCESS, detail);
    }

    static Map<String, Object> gateDetail(TemplateView template, FirmwareView release,
            List<GateDecision> decisions) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("template", template.name());
        detail.put("templateVersion", template.version());
        detail.put("firmwareId", release.id());
        detail.put("productId", release.productId());
        detail.put("firmwareVersion", release.version());
        detail.put("passed", decisions.stream().allMatch(GateDecision::passed));
        detail.put("gates", decisions.stream().map(GateDecision::toMap).toList());
        return detail;
    }

    private static Map<String, Object> summary(PromotionResult result, String key) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("idempotencyKey", key);
        detail.put("template", result.template().name());
        detail.put("templateVersion", result.template().version());
        detail.put("firmwareId", result.firmware().id());
        detail.put("firmwareVersion", result.firmware().version());
        detail.put("firmwareCreated", result.firmwareCreated());
        detail.put("rolloutId", result.rollout().id());
        detail.put("rolloutStatus", result.rollout().status().name());
        return detail;
    }

    private static String rolloutName(PromotionRequest request, TemplateView template, FirmwareView release) {
        if (request.rolloutName() != null) {
            return request.rolloutName().trim();
        }
        String name = template.name() + " firmware v" + release.version();
        return name.length() <= 100 ? name : name.substring(0, 100);
    }

}
