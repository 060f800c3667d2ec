package dev.fleetota.rollout;

import java.time.Instant;

/** A device update as the engine tracks it, with what it needs from its rollout. */
record TrackedUpdate(long id, long rolloutId, String deviceId, int attempt, DeviceUpdateState state,
        Instant requestedAt, Instant flashSucceededAt, Instant lastEventAt, int targetFirmwareVersion) {

    /** The same update after an event: its state, transfer success and last event as they are now. */
    TrackedUpdate after(DeviceUpdateState newState, Instant newFlashSucceededAt, Instant newLastEventAt) {
        return new TrackedUpdate(id, rolloutId, deviceId, attempt, newState, requestedAt, newFlashSucceededAt,
                newLastEventAt, targetFirmwareVersion);
    }

}
