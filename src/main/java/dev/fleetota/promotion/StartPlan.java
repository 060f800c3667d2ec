package dev.fleetota.promotion;

import java.time.Instant;
import java.util.Map;

import dev.fleetota.common.ConflictException;
import dev.fleetota.rollout.RolloutPolicy;
import dev.fleetota.rollout.SchedulePolicy;
import dev.fleetota.rollout.Windows;
import dev.fleetota.template.TemplateView;

/**
 * When a promoted rollout starts and stops starting devices, from the template's start mode and {@code runFor}:
 * DRAFT leaves both open; NOW starts at once; NEXT_WINDOW starts when the next maintenance window opens (each window
 * read in its own IANA zone, so across DST changes too). {@code endBy} is the start plus {@code runFor}.
 */
record StartPlan(boolean start, Instant startAt, Instant endBy) {

    static StartPlan of(TemplateView template, Instant now) {
        Instant end;
        return switch (template.startMode()) {
            case DRAFT -> new StartPlan(false, null, null);
            case NOW -> {
                end = template.runFor() == null ? null : now.plus(template.runFor());
                yield new StartPlan(true, null, end);
            }
            case NEXT_WINDOW -> {
                Instant opening = Windows.nextOpening(template.policy().schedule().windows(), now)
                    .orElseThrow(() -> new ConflictException("no-maintenance-window", "No maintenance window",
                            "None of template " + template.name() + "'s windows ever opens.",
                            Map.of("templateId", template.id(), "templateVersion", template.version())));
                end = template.runFor() == null ? null : opening.plus(template.runFor());
                yield new StartPlan(true, opening, end);
            }
        };
    }

    /** The template's policy with this plan's start and end. */
    RolloutPolicy applyTo(RolloutPolicy policy) {
        SchedulePolicy schedule = policy.schedule();
        return new RolloutPolicy(policy.batches(), policy.safety(), policy.preflight(), policy.risk(),
                new SchedulePolicy(startAt, schedule.windows(), schedule.useDeviceTimeZone(), endBy),
                policy.preUpdateHook());
    }

    boolean scheduled(Instant now) {
        return startAt != null && startAt.isAfter(now);
    }

}
