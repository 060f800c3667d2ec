package dev.fleetota.cohort;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.fleetota.device.DeviceIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of POST and PUT {@code /api/v1/cohorts}: PUT replaces every field. */
record CohortRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 _.-]*",
                message = "may contain only letters, digits, space and _ . -") String name,
        @Size(max = 1000) String description,
        @Size(max = 100_000) List<@NotNull @Pattern(regexp = DeviceIds.REGEX,
                message = "must be a Particle device id (24 hex characters)") String> deviceIds,
        @Valid CohortSelector selector) {

    @JsonIgnore
    @AssertTrue(message = "a cohort needs static members (deviceIds), a selector, or both")
    boolean isMembershipDefined() {
        return (deviceIds != null && !deviceIds.isEmpty()) || selector != null;
    }

    /** The static members in lowercase, without duplicates, sorted. */
    List<String> normalizedDeviceIds() {
        return deviceIds == null ? List.of()
                : deviceIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

}
