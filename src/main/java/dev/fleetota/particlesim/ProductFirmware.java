package dev.fleetota.particlesim;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * One product firmware version. {@code requiredDeviceOs} (internal number, e.g. 4200) is a simulator extension:
 * the real firmware object has no such field, the Device OS dependency lives inside the binary.
 */
final class ProductFirmware {

    final int version;
    final String objectId;
    final int requiredDeviceOs;
    final String fileName;
    final byte[] binary;
    final int size;
    final Instant uploadedOn;
    String title;
    String description;
    boolean mandatory;
    boolean productDefault;
    boolean intelligent;
    boolean ran;
    boolean everReleased;
    Instant updatedAt;
    final Set<String> groups = new CopyOnWriteArraySet<>();

    ProductFirmware(int version, String objectId, int requiredDeviceOs, String title, String description,
            String fileName, byte[] binary, int size, Instant uploadedOn) {
        this.version = version;
        this.objectId = objectId;
        this.requiredDeviceOs = requiredDeviceOs;
        this.title = title;
        this.description = description;
        this.fileName = fileName;
        this.binary = binary;
        this.size = size;
        this.uploadedOn = uploadedOn;
        this.updatedAt = uploadedOn;
    }

}
