package dev.fleetota.rollout;

import java.time.Instant;

/**
 * A device update as the engine tracks it, with what it needs from its rollout; {@code stateChangedAt} is when it
 * entered its state, by this service's clock.
 */
record TrackedUpdate(long id, long rolloutId, String deviceId, int attempt, DeviceUpdateState state,
        Instant stateChangedAt, Instant requestedAt, Instant flashSucceededAt, Instant lastEventAt,
        int targetFirmwareVersion) {

    /** The same update after an event handled at {@code now}: its state, transfer success and last event. */
    TrackedUpdate after(DeviceUpdateState newState, Instant newFlashSucceededAt, Instant newLastEventAt,
            Instant now) {
        return new TrackedUpdate(id, rolloutId, deviceId, attempt, newState,
                newState == state ? stateChangedAt : now, requestedAt, newFlashSucceededAt, newLastEventAt,
                targetFirmwareVersion);
    }

}
