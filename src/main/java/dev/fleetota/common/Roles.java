package dev.fleetota.common;

/**
 * Authorization rules as SpEL for {@code @PreAuthorize}, shared by every feature's controllers. Role hierarchy:
 * ADMIN &gt; OPERATOR &gt; VIEWER and CI &gt; VIEWER, so {@code hasRole('OPERATOR')} also admits ADMIN.
 */
public final class Roles {

    /** Any valid token: read access. */
    public static final String READ = "hasRole('VIEWER')";

    /** Rollout actions, device changes, cohorts: operators and admins. */
    public static final String OPERATE = "hasRole('OPERATOR')";

    /** Firmware registration and promotions: CI pipelines, operators and admins. */
    public static final String RELEASE = "hasAnyRole('CI', 'OPERATOR')";

    /** Tokens and other administration. */
    public static final String ADMINISTER = "hasRole('ADMIN')";

    private Roles() {
    }

}
