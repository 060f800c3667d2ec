package dev.fleetota.dashboard;

import dev.fleetota.common.InvalidRequestException;
import dev.fleetota.common.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * For the dashboard's controllers only, ahead of the API's problem-JSON handler: who is signed in (for the header
 * and the action buttons), and errors as HTML pages.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private static final Logger log = LoggerFactory.getLogger(DashboardAdvice.class);

    private final RoleHierarchy roles;

    private final DashboardFormats formats;

    DashboardAdvice(RoleHierarchy roles, DashboardFormats formats) {
        this.roles = roles;
        this.formats = formats;
    }

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return Viewer.of(authentication, roles);
    }

    @ModelAttribute("fmt")
    DashboardFormats formats() {
        return formats;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException ex) {
        return error(HttpStatus.NOT_FOUND, "Not found", ex.getMessage() + ".");
    }

    @ExceptionHandler({ InvalidRequestException.class, MethodArgumentTypeMismatchException.class })
    ModelAndView badRequest(Exception ex) {
        String detail = ex instanceof InvalidRequestException ? ex.getMessage() : "The address is malformed.";
        return error(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException ex) {
        return error(HttpStatus.FORBIDDEN, "Forbidden", "Your token's role does not allow this.");
    }

    /** The browser went away while a live stream was open: nothing to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException ex, HttpServletResponse response) {
        log.trace("Live stream closed by the browser", ex);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception ex) {
        log.error("Dashboard error", ex);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "The error was logged. Reload the page to try again.");
    }

    static ModelAndView error(HttpStatus status, String title, String detail) {
        ModelAndView page = new ModelAndView("dashboard/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", title);
        page.addObject("detail", detail);
        return page;
    }

}
