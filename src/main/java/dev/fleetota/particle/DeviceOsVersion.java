package dev.fleetota.particle;

import java.util.List;

/** A Device OS release from {@code GET /v1/device-os/versions} (§8.1). {@code state} values are Particle's. */
public record DeviceOsVersion(String version, Integer internalVersion, String state, String baseUrl,
        List<Integer> supportedPlatforms) {

}
