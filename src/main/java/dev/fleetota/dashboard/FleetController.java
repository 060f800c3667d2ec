package dev.fleetota.dashboard;

import dev.fleetota.common.Roles;
import dev.fleetota.rollout.RolloutStatus;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the fleet by Device OS, platform, SIM and connectivity, and the rollouts still active. */
@Controller
class FleetController {

    private final FleetOverview fleet;

    private final RolloutPages rollouts;

    FleetController(FleetOverview fleet, RolloutPages rollouts) {
        this.fleet = fleet;
        this.rollouts = rollouts;
    }

    @GetMapping({ "/ui", "/ui/" })
    @PreAuthorize(Roles.READ)
    String overview(Model model) {
        model.addAttribute("fleet", fleet.counts());
        model.addAttribute("active", rollouts.list(RolloutStatus.ACTIVE, 0));
        return "dashboard/fleet";
    }

}
