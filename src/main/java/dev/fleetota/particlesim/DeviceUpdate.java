package dev.fleetota.particlesim;

import java.util.List;

/** The fields of one {@code PUT /v1/products/:p/devices/:id} body (absent fields are null / not present). */
record DeviceUpdate(boolean desiredPresent, Integer desiredFirmwareVersion, boolean flash, Boolean development,
        List<String> groups, boolean notesPresent, String notes, String name, Boolean updatesForced) {
}
