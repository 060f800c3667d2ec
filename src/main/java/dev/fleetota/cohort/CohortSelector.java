package dev.fleetota.cohort;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.fleetota.common.SemVer;
import dev.fleetota.device.DeviceOsVersion;
import dev.fleetota.device.KnownPlatform;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A dynamic cohort rule: a device matches when it satisfies every criterion that is set (lists: any of the values;
 * tags: the device has all of them; Device OS range: inclusive, compared semantically). Removed devices never
 * match. A selector must set at least one criterion, so an empty selector cannot silently mean "the whole fleet".
 */
public record CohortSelector(@Size(max = 50) List<@NotNull @KnownPlatform Integer> platformIds,
        @Size(max = 3) List<@NotNull @Pattern(regexp = "PARTICLE|THIRD_PARTY|NONE",
                message = "must be one of PARTICLE, THIRD_PARTY, NONE") String> simKinds,
        @DeviceOsVersion String deviceOsMin, @DeviceOsVersion String deviceOsMax,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Za-z0-9_.:-]{1,50}",
                message = "must be 1-50 characters of letters, digits and _ . : -") String> tags,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> sites) {

    @JsonIgnore
    @AssertTrue(message = "a selector needs at least one criterion (platformIds, simKinds, deviceOsMin,"
            + " deviceOsMax, tags or sites)")
    boolean isAnyCriterionSet() {
        return notEmpty(platformIds) || notEmpty(simKinds) || deviceOsMin != null || deviceOsMax != null
                || notEmpty(tags) || notEmpty(sites);
    }

    @JsonIgnore
    @AssertTrue(message = "deviceOsMin must not be above deviceOsMax")
    boolean isDeviceOsRangeOrdered() {
        SemVer min = SemVer.parseOrNull(deviceOsMin);
        SemVer max = SemVer.parseOrNull(deviceOsMax);
        return min == null || max == null || min.compareTo(max) <= 0;
    }

    private static boolean notEmpty(List<?> values) {
        return values != null && !values.isEmpty();
    }

}
