package dev.fleetota.firmware;

import java.util.List;

import dev.fleetota.device.DeviceOsVersion;
import dev.fleetota.device.KnownPlatform;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Registration of a firmware release (the {@code POST /api/v1/firmware} body, and the command promotions use).
 *
 * @param productId Particle product id; null = the numeric {@code fleetota.particle.product}
 * @param version product firmware version ({@code PRODUCT_VERSION}), unique per product
 * @param deviceOsVersion the Device OS the release targets, a semantic version
 * @param platformIds Particle platform ids the release supports
 * @param gitSha commit the release was built from: 7-64 lowercase hex characters
 */
public record RegisterFirmware(@Positive Integer productId, @NotNull @Positive Integer version,
        @NotBlank @DeviceOsVersion String deviceOsVersion,
        @NotEmpty @Size(max = 20) List<@NotNull @KnownPlatform Integer> platformIds,
        @NotBlank @Size(max = 200) String title, @Size(max = 10_000) String notes,
        @Pattern(regexp = "^[0-9a-f]{7,64}$", message = "must be 7-64 lowercase hex characters") String gitSha,
        @Size(max = 128) String checksum) {

    /** The same registration for another product id. */
    RegisterFirmware withProductId(int newProductId) {
        return new RegisterFirmware(newProductId, version, deviceOsVersion, platformIds, title, notes, gitSha,
                checksum);
    }

}
