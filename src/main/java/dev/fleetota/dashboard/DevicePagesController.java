package dev.fleetota.dashboard;

import dev.fleetota.common.Roles;
import dev.fleetota.device.DeviceIds;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The device page (details and timeline), and the look-up form of the overview that leads to it. */
@Controller
@RequestMapping("/ui/devices")
@PreAuthorize(Roles.READ)
class DevicePagesController {

    private final DevicePages pages;

    private final DashboardProperties properties;

    DevicePagesController(DevicePages pages, DashboardProperties properties) {
        this.pages = pages;
        this.properties = properties;
    }

    @GetMapping
    String find(@RequestParam(defaultValue = "") String id, RedirectAttributes redirect) {
        String wanted = id.strip();
        if (!DeviceIds.isValid(wanted)) {
            redirect.addFlashAttribute("problem", "A device id is 24 hexadecimal characters.");
            return "redirect:/ui";
        }
        return "redirect:/ui/devices/" + wanted.toLowerCase();
    }

    @GetMapping("/{id}")
    String device(@PathVariable String id,
            @RequestHeader(name = DashboardEntryPoint.HX_REQUEST, required = false) String htmx, Model model) {
        model.addAttribute("page", pages.page(id));
        model.addAttribute("refresh", properties.listRefreshTrigger());
        return htmx == null ? "dashboard/device" : "dashboard/device :: timeline";
    }

}
