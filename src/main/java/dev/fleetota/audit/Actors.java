package dev.fleetota.audit;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting: the authenticated API token's name, or {@value #SYSTEM} for background work. */
public final class Actors {

    public static final String SYSTEM = "system";

    private Actors() {
    }

    public static String current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken
                || auth.getName() == null) {
            return SYSTEM;
        }
        return auth.getName();
    }

}
