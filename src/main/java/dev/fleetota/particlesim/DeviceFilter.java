package dev.fleetota.particlesim;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Filters of {@code GET /v1/products/:p/devices}: partial id/name/serial, any of the groups, quarantined. */
record DeviceFilter(String deviceId, String deviceName, String serialNumber, List<String> groups,
        Boolean quarantined) {

    static DeviceFilter from(SimRequest r) {
        String groups = r.query("groups");
        String quarantined = r.query("quarantined");
        return new DeviceFilter(lower(r.query("deviceId")), lower(r.query("deviceName")),
                lower(r.query("serialNumber")),
                groups == null || groups.isBlank() ? null
                        : Arrays.stream(groups.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                quarantined == null ? null : Boolean.valueOf(quarantined));
    }

    boolean test(SimDevice d) {
        if (deviceId != null && !d.id.contains(deviceId)) {
            return false;
        }
        if (deviceName != null && (d.name == null || !d.name.toLowerCase(Locale.ROOT).contains(deviceName))) {
            return false;
        }
        if (serialNumber != null && !d.serial.toLowerCase(Locale.ROOT).contains(serialNumber)) {
            return false;
        }
        if (groups != null && groups.stream().noneMatch(d::inGroup)) {
            return false;
        }
        return quarantined == null || d.quarantined == quarantined;
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
    }

}
