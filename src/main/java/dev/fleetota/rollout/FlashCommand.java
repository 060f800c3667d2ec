package dev.fleetota.rollout;

/** A claimed lock+flash command, about to be sent. */
record FlashCommand(long id, long deviceUpdateId, long rolloutId, String deviceId, int attempt, int firmwareVersion,
        boolean forceUpdates) {

}
