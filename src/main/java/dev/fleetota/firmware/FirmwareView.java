package dev.fleetota.firmware;

import java.time.Instant;
import java.util.List;

/** A registered firmware release. {@code platformIds} are sorted; {@code deviceOsVersion} is normalized. */
public record FirmwareView(long id, int productId, int version, String deviceOsVersion, List<Integer> platformIds,
        String title, String notes, String gitSha, String checksum, String createdBy, Instant createdAt) {

}
