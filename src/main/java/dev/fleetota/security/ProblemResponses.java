package dev.fleetota.security;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 from the filter chain as RFC 9457 problem documents, with the same types the MVC exception handler
 * uses for {@code @PreAuthorize} denials.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final URI UNAUTHORIZED = URI.create("https://fleet-ota.dev/problems/unauthorized");

    static final URI FORBIDDEN = URI.create("https://fleet-ota.dev/problems/forbidden");

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean invalid = request.getAttribute(BearerTokenAuthenticationFilter.INVALID_TOKEN) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                invalid ? "Bearer realm=\"fleet-ota\", error=\"invalid_token\"" : "Bearer realm=\"fleet-ota\"");
        write(response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized",
                invalid ? "The bearer token is unknown or revoked."
                        : "This endpoint needs an API token: send 'Authorization: Bearer <token>'.",
                request);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", "The token's role does not allow this request.",
                request);
    }

    private void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail,
            HttpServletRequest request) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

}
