package dev.fleetota.device;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.JsonNode;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The fleet: list with filters, detail, local-field patch and event timeline. */
@RestController
@RequestMapping("/api/v1/devices")
class DeviceController {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final DeviceService devices;

    private final DeviceLocalFields localFields;

    private final DeviceTimeline timeline;

    DeviceController(DeviceService devices, DeviceLocalFields localFields, DeviceTimeline timeline) {
        this.devices = devices;
        this.localFields = localFields;
        this.timeline = timeline;
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    PageResponse<DeviceView> list(@Valid DeviceFilter filter) {
        return devices.list(filter);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.READ)
    DeviceView get(@PathVariable String id) {
        return devices.get(id);
    }

    /** JSON merge patch of tags, site and timeZone: absent = unchanged, null = cleared. */
    @PatchMapping(path = "/{id}", consumes = { MERGE_PATCH_JSON, "application/json" })
    @PreAuthorize(Roles.OPERATE)
    DeviceView patch(@PathVariable String id, @RequestBody JsonNode patch) {
        return localFields.patch(id, DevicePatch.parse(patch));
    }

    @GetMapping("/{id}/timeline")
    @PreAuthorize(Roles.READ)
    PageResponse<DeviceEventView> timeline(@PathVariable String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return timeline.events(id, page, size);
    }

}
