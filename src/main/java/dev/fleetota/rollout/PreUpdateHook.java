package dev.fleetota.rollout;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A Particle cloud function called on the device before it is flashed (e.g. to disable a hardware watchdog that
 * would cut power in safe mode). The device is flashed only if the function returns {@code expectedReturnValue}.
 */
public record PreUpdateHook(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_]+") String function,
        @Size(max = 63) String argument, Integer expectedReturnValue) {

    public PreUpdateHook {
        argument = argument == null ? "" : argument;
        expectedReturnValue = expectedReturnValue == null ? 1 : expectedReturnValue;
    }

}
