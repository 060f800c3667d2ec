package dev.fleetota.security;

import java.util.Map;
import java.util.Set;

import dev.fleetota.audit.AuditService;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audits a refused mutation (a token whose role does not allow a POST/PUT/PATCH/DELETE) as a REJECTED entry, in
 * its own transaction. Reads that are refused and anonymous requests are not audited.
 */
@Component
class AccessDeniedAuditor {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditService audit;

    AccessDeniedAuditor(AuditService audit) {
        this.audit = audit;
    }

    @EventListener
    void onDenied(AuthorizationDeniedEvent<?> event) {
        Authentication authentication = event.getAuthentication().get();
        HttpServletRequest request = currentRequest();
        if (!(authentication instanceof ApiTokenAuthentication token) || request == null
                || READS.contains(request.getMethod())) {
            return;
        }
        String path = request.getRequestURI();
        audit.recordRejected("access.denied", "http", path,
                Map.of("method", request.getMethod(), "path", path, "role", token.role().name()));
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

}
