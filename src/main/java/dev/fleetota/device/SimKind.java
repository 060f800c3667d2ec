package dev.fleetota.device;

/** Which SIM a device uses. Mirrors the CHECK constraint on {@code device.sim_kind}. */
public enum SimKind {

    /** A Particle SIM (ICCID prefix from the settings). */
    PARTICLE,

    /** A third-party SIM: a device that loses power in safe mode may never come back. */
    THIRD_PARTY,

    /** No cellular modem. */
    NONE

}
