package dev.fleetota.dashboard;

import java.util.function.Supplier;

import dev.fleetota.common.ConflictException;
import dev.fleetota.common.Roles;
import dev.fleetota.rollout.RolloutControl;
import dev.fleetota.rollout.RolloutView;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operator actions from the rollout page (forms with a CSRF token; post, then redirect back). Each calls one
 * {@link RolloutControl} method, which audits it under the signed-in token's name. A refused transition (a stale
 * page) comes back as a message, not an error page.
 */
@Controller
@RequestMapping("/ui/rollouts/{id}")
@PreAuthorize(Roles.OPERATE)
class RolloutActionsController {

    private static final String DEVICE = "/devices/{deviceId:[0-9A-Fa-f]{24}}";

    private final RolloutControl control;

    RolloutActionsController(RolloutControl control) {
        this.control = control;
    }

    @PostMapping("/start")
    String start(@PathVariable long id, RedirectAttributes redirect) {
        return perform(id, () -> control.start(id), "Started", redirect);
    }

    @PostMapping("/pause")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        return perform(id, () -> control.pause(id), "Paused", redirect);
    }

    @PostMapping("/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return perform(id, () -> control.resume(id), "Resumed", redirect);
    }

    @PostMapping("/approve")
    String approve(@PathVariable long id, RedirectAttributes redirect) {
        return perform(id, () -> control.approve(id), "Approved", redirect);
    }

    @PostMapping("/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return perform(id, () -> control.cancel(id), "Cancelled", redirect);
    }

    @PostMapping(DEVICE + "/retry")
    String retry(@PathVariable long id, @PathVariable String deviceId, RedirectAttributes redirect) {
        return perform(id, () -> control.retryDevice(id, deviceId), "Retrying device " + deviceId + " in", redirect);
    }

    @PostMapping(DEVICE + "/skip")
    String skip(@PathVariable long id, @PathVariable String deviceId, RedirectAttributes redirect) {
        return perform(id, () -> control.skipDevice(id, deviceId), "Skipped device " + deviceId + " in", redirect);
    }

    private static String perform(long id, Supplier<RolloutView> action, String done, RedirectAttributes redirect) {
        try {
            RolloutView rollout = action.get();
            redirect.addFlashAttribute("notice", done + " rollout '" + rollout.name() + "'; it is now "
                    + rollout.status() + ".");
        }
        catch (ConflictException ex) {
            redirect.addFlashAttribute("problem", ex.title() + ": " + ex.getMessage());
        }
        return "redirect:/ui/rollouts/" + id;
    }

}
