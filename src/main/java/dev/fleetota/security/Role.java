package dev.fleetota.security;

/**
 * What a token may do. Hierarchy: ADMIN &gt; OPERATOR &gt; VIEWER and CI &gt; VIEWER (see
 * {@link dev.fleetota.common.Roles} for the rules controllers use).
 */
public enum Role {

    /** Read everything. */
    VIEWER,

    /** Rollout actions, device changes, cohorts; firmware registration. */
    OPERATOR,

    /** CI pipelines: register firmware, promote, read. */
    CI,

    /** Everything, including token administration. */
    ADMIN;

    String authority() {
        return "ROLE_" + name();
    }

}
