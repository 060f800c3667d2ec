package dev.fleetota.dashboard;

import java.util.Set;

import dev.fleetota.common.Roles;
import dev.fleetota.rollout.DeviceUpdateState;
import dev.fleetota.rollout.RolloutStatus;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The rollout list and the rollout page, with the fragments htmx re-reads (the list table, the live part, the
 * device table) and the live stream that tells the page when to.
 */
@Controller
@RequestMapping("/ui/rollouts")
@PreAuthorize(Roles.READ)
class RolloutPagesController {

    private final RolloutPages pages;

    private final RolloutLiveStream live;

    private final DashboardProperties properties;

    RolloutPagesController(RolloutPages pages, RolloutLiveStream live, DashboardProperties properties) {
        this.pages = pages;
        this.live = live;
        this.properties = properties;
    }

    @GetMapping
    String list(@RequestParam(required = false) Set<RolloutStatus> status,
            @RequestParam(defaultValue = "0") int page,
            @RequestHeader(name = DashboardEntryPoint.HX_REQUEST, required = false) String htmx, Model model) {
        Set<RolloutStatus> filter = status == null ? Set.of() : status;
        model.addAttribute("rollouts", pages.list(filter, Math.max(0, page)));
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", RolloutStatus.values());
        model.addAttribute("active", RolloutStatus.ACTIVE);
        model.addAttribute("refresh", properties.listRefreshTrigger());
        return htmx == null ? "dashboard/rollouts" : "dashboard/rollouts :: table";
    }

    @GetMapping("/{id}")
    String rollout(@PathVariable long id, Model model) {
        RolloutPage page = pages.page(id);
        model.addAttribute("page", page);
        model.addAttribute("plan", pages.plan(page.rollout()));
        model.addAttribute("table", pages.devices(id, null, null, 0));
        return "dashboard/rollout";
    }

    @GetMapping("/{id}/live")
    String live(@PathVariable long id, Model model) {
        model.addAttribute("page", pages.page(id));
        return "dashboard/rollout :: live";
    }

    @GetMapping("/{id}/devices")
    String devices(@PathVariable long id, @RequestParam(required = false) DeviceUpdateState state,
            @RequestParam(required = false) Integer batch, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("table", pages.devices(id, state, batch, Math.max(0, page)));
        return "dashboard/rollout :: devices";
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable long id, @RequestParam(required = false) String since) {
        return live.open(id, since);
    }

}
