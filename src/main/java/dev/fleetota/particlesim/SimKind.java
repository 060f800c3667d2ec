package dev.fleetota.particlesim;

/** The SIM a simulated cellular device carries: a Particle SIM keeps its APN in safe mode, a third-party one may not. */
public enum SimKind {
    PARTICLE, THIRD_PARTY, NONE
}
