package dev.fleetota.template;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A condition a promotion must meet: the same firmware release has already reached {@code minSucceeded} verified
 * (SUCCEEDED) devices in one earlier rollout, and no device of an earlier rollout of that release ended
 * SILENT_IN_SAFE_MODE, WRONG_VERSION or FLASH_FAILED. With {@code cohortId}, only earlier rollouts that targeted
 * that cohort count (e.g. a staging cohort).
 *
 * @param name a label for problem responses and the audit trail; null = {@code gate-<position>}
 */
public record PromotionGate(@Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String name,
        @NotNull @Min(1) @Max(100_000) Integer minSucceeded, Long cohortId) {

    PromotionGate named(int position) {
        return name != null ? this : new PromotionGate("gate-" + position, minSucceeded, cohortId);
    }

}
