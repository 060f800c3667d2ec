package dev.fleetota.particlesim;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Product firmware versions, releases and the targeting precedence of §6.3: development → none; lock → locked
 * version; group releases → the highest; else the product default; else none.
 */
final class FirmwareStore {

    private final ConcurrentSkipListMap<Integer, ProductFirmware> versions = new ConcurrentSkipListMap<>();

    Optional<ProductFirmware> get(int version) {
        return Optional.ofNullable(versions.get(version));
    }

    Collection<ProductFirmware> all() {
        return versions.values();
    }

    synchronized ProductFirmware add(ProductFirmware firmware) {
        if (versions.containsKey(firmware.version)) {
            throw ApiError.badRequest("Version " + firmware.version + " already exists");
        }
        versions.put(firmware.version, firmware);
        return firmware;
    }

    synchronized void remove(int version) {
        ProductFirmware fw = versions.get(version);
        if (fw == null) {
            throw ApiError.notFound("Firmware version " + version + " not found");
        }
        if (fw.everReleased) {
            throw ApiError.badRequest("Firmware version " + version + " has been released and cannot be deleted");
        }
        versions.remove(version);
    }

    /** Releases a version to the product default and/or groups; a group carries one released version at most. */
    synchronized ProductFirmware release(int version, Boolean productDefault, List<String> groups,
            boolean intelligent, Instant now) {
        ProductFirmware fw = versions.get(version);
        if (productDefault != null) {
            if (productDefault) {
                versions.values().forEach(other -> other.productDefault = false);
            }
            fw.productDefault = productDefault;
        }
        if (groups != null) {
            for (ProductFirmware other : versions.values()) {
                other.groups.removeAll(groups);
            }
            fw.groups.clear();
            fw.groups.addAll(groups);
        }
        fw.intelligent = intelligent;
        fw.everReleased |= fw.productDefault || !fw.groups.isEmpty();
        fw.updatedAt = now;
        return fw;
    }

    synchronized void renameGroup(String from, String to) {
        for (ProductFirmware fw : versions.values()) {
            if (fw.groups.remove(from)) {
                fw.groups.add(to);
            }
        }
    }

    synchronized void removeGroup(String group) {
        versions.values().forEach(fw -> fw.groups.remove(group));
    }

    Integer releasedTo(String group) {
        for (ProductFirmware fw : versions.descendingMap().values()) {
            if (fw.groups.contains(group)) {
                return fw.version;
            }
        }
        return null;
    }

    /** The version the cloud intends this device to run ({@code targeted_firmware_release_version}). */
    Integer targetFor(SimDevice d) {
        if (d.development) {
            return null;
        }
        if (d.desiredFirmware > 0) {
            return d.desiredFirmware;
        }
        int best = 0;
        for (String group : d.groups) {
            Integer v = releasedTo(group);
            if (v != null && v > best) {
                best = v;
            }
        }
        if (best > 0) {
            return best;
        }
        for (ProductFirmware fw : versions.values()) {
            if (fw.productDefault) {
                return fw.version;
            }
        }
        return null;
    }

}
