package dev.fleetota.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a first start (no token at all), creates the ADMIN token {@code admin}: from
 * {@code fleetota.security.admin-token} (env {@code FLEETOTA_ADMIN_TOKEN}) when set, otherwise with a generated
 * secret that is printed once, here, as the only secret ever logged. Instances starting at once on an empty
 * database create it once: the others wait for it and start normally ({@link TokenAdministration#issueFirstAdmin}).
 */
@Component
class AdminTokenBootstrap implements ApplicationRunner {

    static final String ADMIN_TOKEN_NAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

    private final TokenAdministration tokens;

    private final ApiSecurityProperties properties;

    AdminTokenBootstrap(TokenAdministration tokens, ApiSecurityProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tokens.anyTokenExists()) {
            return;
        }
        boolean configured = properties.hasAdminToken();
        String secret = configured ? configuredSecret() : TokenSecrets.generate();
        tokens.issueFirstAdmin(ADMIN_TOKEN_NAME, secret).ifPresentOrElse(issued -> announce(issued, configured),
                () -> log.info("Another instance created the first API token at the same time; nothing to do"));
    }

    private String configuredSecret() {
        String secret = properties.adminToken().trim();
        if (secret.length() < ApiSecurityProperties.MIN_ADMIN_TOKEN_LENGTH) {
            throw new IllegalStateException("fleetota.security.admin-token (FLEETOTA_ADMIN_TOKEN) must be at least "
                    + ApiSecurityProperties.MIN_ADMIN_TOKEN_LENGTH + " characters long");
        }
        return secret;
    }

    private void announce(IssuedToken issued, boolean configured) {
        if (configured) {
            log.info("Created the ADMIN token '{}' from fleetota.security.admin-token (FLEETOTA_ADMIN_TOKEN)",
                    ADMIN_TOKEN_NAME);
            return;
        }
        log.warn("""

                ==================== FIRST START: ADMIN API TOKEN (shown once) ====================
                No API token existed, so an ADMIN token named '{}' was created:

                    {}

                Use it as 'Authorization: Bearer <token>'. It is stored only as a hash and will not be
                shown again. Set FLEETOTA_ADMIN_TOKEN before the first start to choose it yourself.
                ===================================================================================
                """, ADMIN_TOKEN_NAME, issued.token());
    }

}
