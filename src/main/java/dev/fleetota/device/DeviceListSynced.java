package dev.fleetota.device;

import java.time.Instant;

/**
 * A full device sync finished: the stored devices now reflect Particle's device list as read from {@code listedAt}
 * on, including whatever the event stream missed before that (connection state, safe mode, last handshake).
 *
 * @param listedAt when the sync started reading the list
 */
public record DeviceListSynced(Instant listedAt) {

}
