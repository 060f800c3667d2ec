package dev.fleetota.dashboard;

import java.util.Collection;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is looking at a page: the token's name, its role, and whether action buttons are shown. The server checks the
 * role again on every action; hiding buttons only spares a VIEWER requests that would fail.
 */
record Viewer(String name, String role, boolean canOperate) {

    private static final String PREFIX = "ROLE_";

    static Viewer of(Authentication authentication, RoleHierarchy hierarchy) {
        Collection<? extends GrantedAuthority> granted = authentication.getAuthorities();
        String role = granted.stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a != null && a.startsWith(PREFIX))
            .map(a -> a.substring(PREFIX.length()))
            .findFirst()
            .orElse("");
        boolean operate = hierarchy.getReachableGrantedAuthorities(granted)
            .stream()
            .anyMatch(a -> (PREFIX + "OPERATOR").equals(a.getAuthority()));
        return new Viewer(authentication.getName(), role, operate);
    }

}
