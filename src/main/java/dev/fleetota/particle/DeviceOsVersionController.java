package dev.fleetota.particle;

import java.util.List;

import dev.fleetota.common.Roles;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Device OS releases as Particle lists them, optionally for one platform. */
@RestController
class DeviceOsVersionController {

    private final ParticleClient particle;

    DeviceOsVersionController(ParticleClient particle) {
        this.particle = particle;
    }

    @GetMapping("/api/v1/device-os-versions")
    @PreAuthorize(Roles.READ)
    List<DeviceOsVersion> list(@RequestParam(required = false) Integer platformId) {
        return particle.listDeviceOsVersions(platformId);
    }

}
