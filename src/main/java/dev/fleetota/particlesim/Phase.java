package dev.fleetota.particlesim;

/** Where a simulated device is in the update state machine (§13.4); connectivity is tracked separately. */
enum Phase {
    /** The app runs normally (online or not). */
    RUNNING,
    /** The cloud is sending the app binary. */
    DOWNLOADING_APP,
    /** The app was accepted; the device resets to start it. */
    REBOOTING,
    /** Dependencies unsatisfied and the healer is not (yet) delivering. */
    SAFE_MODE,
    /** The safe-mode healer is sending Device OS module k of n. */
    HEALING,
    /** Last module applied; the final reset before the new app runs. */
    HEAL_REBOOTING;

    boolean inSafeMode() {
        return this == SAFE_MODE || this == HEALING || this == HEAL_REBOOTING;
    }

    boolean busy() {
        return this != RUNNING;
    }
}
