package dev.fleetota.audit;

/** How an audited action ended. Mirrors the CHECK constraint on {@code audit_entry.outcome}. */
public enum AuditOutcome {

    /** The change was made. */
    SUCCESS,

    /** The request was refused (forbidden, conflict, ...); nothing changed. */
    REJECTED,

    /** The change was attempted and failed (e.g. the Particle cloud refused it). */
    FAILED

}
