package dev.fleetota.dashboard;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Not signed in (or the session expired): pages redirect to the sign-in page; htmx requests get a 401 with
 * {@code HX-Redirect} so the whole page goes there; the live stream gets a plain 401.
 */
final class DashboardEntryPoint implements AuthenticationEntryPoint {

    static final String HX_REQUEST = "HX-Request";

    private final String loginPage;

    private final LoginUrlAuthenticationEntryPoint redirect;

    DashboardEntryPoint(String loginPage) {
        this.loginPage = loginPage;
        this.redirect = new LoginUrlAuthenticationEntryPoint(loginPage);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException, ServletException {
        String accept = request.getHeader("Accept");
        if (request.getHeader(HX_REQUEST) != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + loginPage);
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
        }
        else if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE)) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
        }
        else {
            redirect.commence(request, response, ex);
        }
    }

}
