package dev.fleetota.rollout;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A request for a new (DRAFT) rollout. Everything in {@code policy} is optional and has safe defaults. */
public record CreateRollout(@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]+") String name,
        @NotNull Long firmwareId, @NotEmpty @Size(max = 50) List<@NotNull Long> cohortIds, @Valid RolloutPolicy policy) {

    public CreateRollout {
        policy = policy == null ? RolloutPolicy.defaults() : policy;
    }

}
