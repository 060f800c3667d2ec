package dev.fleetota.template;

import java.time.Duration;
import java.util.List;

import dev.fleetota.rollout.RolloutPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST} and {@code PUT /api/v1/rollout-templates}: the complete settings of one version.
 *
 * @param name unique among live templates; letters, digits, '.', '_' and '-' (CI refers to it)
 * @param cohortIds the cohorts a promoted rollout targets
 * @param policy the rollout policy; {@code schedule.startAt} and {@code schedule.endBy} must be empty (a promotion
 * sets them from {@code startMode} and {@code runFor})
 * @param startMode what a promotion does with the rollout; default DRAFT
 * @param runFor after the start, devices are started for at most this long ({@code schedule.endBy = start + runFor})
 * @param gates conditions every promotion must meet
 */
public record TemplateRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*") String name,
        @Size(max = 1000) String description, @NotEmpty @Size(max = 50) List<@NotNull Long> cohortIds,
        @Valid RolloutPolicy policy, StartMode startMode, Duration runFor,
        @Size(max = 10) List<@Valid @NotNull PromotionGate> gates) {

    public TemplateRequest {
        policy = policy == null ? RolloutPolicy.defaults() : policy;
        startMode = startMode == null ? StartMode.DRAFT : startMode;
        gates = gates == null ? List.of() : List.copyOf(gates);
        cohortIds = cohortIds == null ? null : cohortIds.stream().distinct().toList();
    }

    /** Gates with a name each. */
    List<PromotionGate> namedGates() {
        return java.util.stream.IntStream.range(0, gates.size()).mapToObj(i -> gates.get(i).named(i + 1)).toList();
    }

}
