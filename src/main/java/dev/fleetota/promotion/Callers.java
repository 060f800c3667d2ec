package dev.fleetota.promotion;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** What kind of caller is making the request. */
final class Callers {

    private static final String CI_AUTHORITY = "ROLE_CI";

    private Callers() {
    }

    /** True when the request is made with a CI token. */
    static boolean isCi() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> CI_AUTHORITY.equals(a.getAuthority()));
    }

}
