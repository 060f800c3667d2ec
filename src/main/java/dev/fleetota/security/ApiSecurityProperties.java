package dev.fleetota.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings.
 *
 * @param adminToken secret of the ADMIN token named {@code admin} created on first start when no token exists
 * (env {@code FLEETOTA_ADMIN_TOKEN}); blank = generate one and print it once in the log
 * @param lastUsedResolution how often {@code last_used_at} of a token is written at most
 * @param tokenCacheTtl how long a verified token is trusted without a database lookup ({@link VerifiedTokens}):
 * a token revoked on another instance or in the database is refused here within this time; zero = no cache
 */
@ConfigurationProperties("fleetota.security")
record ApiSecurityProperties(@DefaultValue("") String adminToken, @DefaultValue("PT1M") Duration lastUsedResolution,
        @DefaultValue("PT5S") Duration tokenCacheTtl) {

    static final int MIN_ADMIN_TOKEN_LENGTH = 24;

    boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }

    @Override
    public String toString() {
        return "ApiSecurityProperties[adminToken=" + (hasAdminToken() ? "****" : "") + ", lastUsedResolution="
                + lastUsedResolution + ", tokenCacheTtl=" + tokenCacheTtl + "]";
    }

}
