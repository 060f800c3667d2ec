package dev.fleetota.particle;

import java.time.Instant;
import java.util.List;

/** A product firmware version as listed by {@code GET /v1/products/:p/firmware} (§6.1). Fields are nullable. */
public record ParticleFirmware(Integer version, String title, String description, String name, Long size,
        Boolean productDefault, List<String> groups, Boolean mandatory, Instant uploadedOn, String uploadedBy,
        Integer productId, Integer deviceCount) {

}
