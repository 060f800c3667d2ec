package dev.fleetota.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The sign-in page (the form posts to Spring Security), the start page and the page for refused requests. */
@Controller
class SignInController {

    @GetMapping("/")
    String root() {
        return "redirect:/ui";
    }

    @GetMapping(DashboardSecurityConfiguration.LOGIN)
    String signIn(Authentication authentication, @RequestParam(required = false) String error,
            @RequestParam(required = false) String signedOut, Model model) {
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "redirect:/ui";
        }
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        return "dashboard/login";
    }

    /** Where the filter chain forwards refused requests (a role that may not act, a missing CSRF token). */
    @RequestMapping(DashboardSecurityConfiguration.FORBIDDEN)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(Model model) {
        model.addAttribute("status", 403);
        model.addAttribute("title", "Forbidden");
        model.addAttribute("detail", "This request was refused: your token's role does not allow it, or the form "
                + "had expired. Reload the page and try again.");
        return "dashboard/error";
    }

}
