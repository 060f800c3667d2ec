package dev.fleetota.template;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.fleetota.audit.Actors;
import dev.fleetota.audit.AuditOutcome;
import dev.fleetota.audit.AuditService;
import dev.fleetota.common.ConflictException;
import dev.fleetota.common.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, updates (a new version each time) and deletes templates; every change is audited. */
@Service
class TemplateEditing {

    private static final String AUDIT_RESOURCE = "rollout-template";

    private final RolloutTemplateRepository templates;

    private final TemplateVersionRepository versions;

    private final TemplateValidation validation;

    private final AuditService audit;

    private final Clock clock;

    TemplateEditing(RolloutTemplateRepository templates, TemplateVersionRepository versions,
            TemplateValidation validation, AuditService audit, Clock clock) {
        this.templates = templates;
        this.versions = versions;
        this.validation = validation;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    TemplateView create(TemplateRequest request) {
        validation.check(request);
        requireNameFree(request.name(), null);
        RolloutTemplate head = templates.saveAndFlush(new RolloutTemplate(request.name(), Actors.current(),
                clock.instant()));
        TemplateVersion first = versions.save(new TemplateVersion(head.getId(), 1, request, Actors.current(),
                clock.instant()));
        audit.record("rollout-template.create", AUDIT_RESOURCE, String.valueOf(head.getId()), AuditOutcome.SUCCESS,
                summary(request, 1));
        return first.toView(head);
    }

    /** Writes the next version with these settings; the previous versions stay as they were. */
    @Transactional
    TemplateView update(long id, TemplateRequest request) {
        validation.check(request);
        RolloutTemplate head = templates.lockLive(id)
            .orElseThrow(() -> new NotFoundException(TemplateService.RESOURCE, id));
        requireNameFree(request.name(), id);
        int number = head.nextVersion(request.name(), clock.instant());
        templates.saveAndFlush(head);
        TemplateVersion next = versions.save(new TemplateVersion(id, number, request, Actors.current(),
                clock.instant()));
        audit.record("rollout-template.update", AUDIT_RESOURCE, String.valueOf(id), AuditOutcome.SUCCESS,
                summary(request, number));
        return next.toView(head);
    }

    /** Marks the template deleted; its versions stay readable in the database for the rollouts made from them. */
    @Transactional
    void delete(long id) {
        RolloutTemplate head = templates.lockLive(id)
            .orElseThrow(() -> new NotFoundException(TemplateService.RESOURCE, id));
        head.delete(clock.instant());
        audit.record("rollout-template.delete", AUDIT_RESOURCE, String.valueOf(id), AuditOutcome.SUCCESS,
                Map.of("name", head.getName(), "lastVersion", head.getCurrentVersion()));
    }

    private void requireNameFree(String name, Long self) {
        templates.findLiveByName(name).filter(other -> !other.getId().equals(self)).ifPresent(other -> {
            throw new ConflictException("template-name-taken", "Template name taken",
                    "Template " + other.getId() + " is already called '" + name + "'.",
                    Map.of("name", name, "templateId", other.getId()));
        });
    }

    private static Map<String, Object> summary(TemplateRequest request, int version) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", request.name());
        detail.put("version", version);
        detail.put("cohortIds", request.cohortIds());
        detail.put("startMode", request.startMode());
        detail.put("gates", request.namedGates().size());
        return detail;
    }

}
