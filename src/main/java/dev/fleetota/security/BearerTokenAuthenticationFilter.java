package dev.fleetota.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>}. A valid token authenticates the request; an invalid one leaves it
 * anonymous and marks it, so protected endpoints answer 401 "invalid token" while open ones (health, the webhook
 * with its own secret) still work. Not a bean: it runs only inside the security filter chain.
 */
final class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String INVALID_TOKEN = BearerTokenAuthenticationFilter.class.getName() + ".INVALID_TOKEN";

    private static final String SCHEME = "Bearer ";

    private final AuthenticationProvider provider;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenAuthenticationFilter(AuthenticationProvider provider) {
        this.provider = provider;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            authenticate(request, header.substring(SCHEME.length()).trim());
        }
        chain.doFilter(request, response);
    }

    private void authenticate(HttpServletRequest request, String secret) {
        try {
            Authentication authentication = provider.authenticate(new BearerTokenCandidate(secret));
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(authentication);
            contexts.setContext(context);
        }
        catch (AuthenticationException ex) {
            contexts.clearContext();
            request.setAttribute(INVALID_TOKEN, Boolean.TRUE);
        }
    }

}
