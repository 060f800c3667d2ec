package dev.fleetota.device;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Query parameters of {@code GET /api/v1/devices}; all optional.
 *
 * @param platform platform id
 * @param deviceOs exact Device OS version text
 * @param deviceOsMin lowest Device OS version, inclusive, compared semantically
 * @param deviceOsMax highest Device OS version, inclusive, compared semantically
 * @param q prefix of the device id, name or serial number (case-insensitive)
 * @param includeRemoved also list devices that left the product (default false)
 */
record DeviceFilter(@PositiveOrZero Integer platform, @Size(max = 32) String deviceOs,
        @DeviceOsVersion String deviceOsMin, @DeviceOsVersion String deviceOsMax,
        @Pattern(regexp = "PARTICLE|THIRD_PARTY|NONE",
                message = "must be one of PARTICLE, THIRD_PARTY, NONE") String simKind,
        Boolean online, @Size(max = 50) String tag, @Size(max = 100) String site, @Size(max = 64) String q,
        Boolean includeRemoved, @Min(0) Integer page, @Min(1) @Max(500) Integer size) {

    int pageOrDefault() {
        return page == null ? 0 : page;
    }

    int sizeOrDefault() {
        return size == null ? 50 : size;
    }

}
