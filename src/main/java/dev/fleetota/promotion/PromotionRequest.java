package dev.fleetota.promotion;

import java.util.List;

import dev.fleetota.firmware.RegisterFirmware;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/promotions}.
 *
 * @param template the template's name
 * @param templateVersion pin a version of the template; null = its current version
 * @param firmware the release to register (or to find, when an identical one exists)
 * @param rolloutName the rollout's name; null = "{template} firmware v{version}"
 */
public record PromotionRequest(@NotBlank @Size(max = 100) String template, @Positive Integer templateVersion,
        @NotNull @Valid RegisterFirmware firmware,
        @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]+") String rolloutName) {

    /**
     * The same request in canonical form, for the idempotency hash: names trimmed, platform ids sorted and
     * distinct, so bodies that mean the same thing hash the same.
     */
    PromotionRequest canonical() {
        RegisterFirmware f = firmware;
        List<Integer> platforms = f.platformIds() == null ? null
                : f.platformIds().stream().distinct().sorted().toList();
        RegisterFirmware canonicalFirmware = new RegisterFirmware(f.productId(), f.version(), f.deviceOsVersion(),
                platforms, f.title() == null ? null : f.title().trim(), f.notes(), f.gitSha(), f.checksum());
        return new PromotionRequest(template.trim(), templateVersion, canonicalFirmware,
                rolloutName == null ? null : rolloutName.trim());
    }

}
