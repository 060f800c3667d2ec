package dev.fleetota.device;

import dev.fleetota.common.Roles;
import dev.fleetota.device.DeviceSyncService.SyncReport;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pull the device list from Particle now. 409 when a sync is already running anywhere. */
@RestController
class DeviceSyncController {

    private final DeviceSyncService sync;

    DeviceSyncController(DeviceSyncService sync) {
        this.sync = sync;
    }

    @PostMapping("/api/v1/devices/sync")
    @PreAuthorize(Roles.OPERATE)
    SyncReport sync() {
        return sync.sync();
    }

}
