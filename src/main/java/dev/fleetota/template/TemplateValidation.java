package dev.fleetota.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.cohort.CohortService;
import dev.fleetota.common.InvalidRequestException;
import dev.fleetota.common.NotFoundException;
import dev.fleetota.rollout.SchedulePolicy;

import org.springframework.stereotype.Component;

/**
 * Rules a template must meet beyond its field constraints; a violation is a 422 {@code invalid-template} problem
 * listing every error.
 */
@Component
class TemplateValidation {

    private final CohortService cohorts;

    TemplateValidation(CohortService cohorts) {
        this.cohorts = cohorts;
    }

    void check(TemplateRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        SchedulePolicy schedule = request.policy().schedule();
        if (schedule.startAt() != null) {
            errors.add(error("policy.schedule.startAt", "must be empty in a template: use startMode"));
        }
        if (schedule.endBy() != null) {
            errors.add(error("policy.schedule.endBy", "must be empty in a template: use runFor"));
        }
        if (request.startMode() == StartMode.NEXT_WINDOW && schedule.windows().isEmpty()) {
            errors.add(error("startMode", "NEXT_WINDOW needs at least one policy.schedule.windows entry"));
        }
        if (request.runFor() != null && (request.runFor().isNegative() || request.runFor().isZero())) {
            errors.add(error("runFor", "must be positive"));
        }
        if (request.runFor() != null && request.startMode() == StartMode.DRAFT) {
            errors.add(error("runFor", "needs startMode NOW or NEXT_WINDOW (a draft has no start time)"));
        }
        for (int i = 0; i < request.cohortIds().size(); i++) {
            requireCohort(request.cohortIds().get(i), "cohortIds[" + i + "]", errors);
        }
        for (int i = 0; i < request.gates().size(); i++) {
            Long cohortId = request.gates().get(i).cohortId();
            if (cohortId != null) {
                requireCohort(cohortId, "gates[" + i + "].cohortId", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("invalid-template", errors.size() + " invalid field(s)",
                    Map.of("errors", errors), true);
        }
    }

    private void requireCohort(long id, String field, List<Map<String, Object>> errors) {
        try {
            cohorts.get(id);
        }
        catch (NotFoundException ex) {
            errors.add(error(field, "cohort " + id + " does not exist"));
        }
    }

    private static Map<String, Object> error(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

}
