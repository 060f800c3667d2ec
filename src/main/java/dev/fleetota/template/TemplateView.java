package dev.fleetota.template;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.fleetota.rollout.RolloutPolicy;

/**
 * One version of a template as the API shows it. {@code createdAt} is when the template was first made;
 * {@code versionCreatedAt}/{@code versionCreatedBy} when and by whom this version was written.
 */
public record TemplateView(long id, String name, int version, int currentVersion, String description,
        List<Long> cohortIds, RolloutPolicy policy, StartMode startMode, Duration runFor, List<PromotionGate> gates,
        Instant createdAt, Instant versionCreatedAt, String versionCreatedBy) {

}
