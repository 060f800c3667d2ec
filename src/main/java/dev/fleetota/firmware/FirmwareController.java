package dev.fleetota.firmware;

import java.net.URI;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Firmware releases: register (CI, operators), list and read. */
@RestController
@RequestMapping("/api/v1/firmware")
class FirmwareController {

    private final FirmwareRegistration registration;

    private final FirmwareService firmware;

    FirmwareController(FirmwareRegistration registration, FirmwareService firmware) {
        this.registration = registration;
        this.firmware = firmware;
    }

    @PostMapping
    @PreAuthorize(Roles.RELEASE)
    ResponseEntity<FirmwareView> register(@Valid @RequestBody RegisterFirmware request, UriComponentsBuilder uris) {
        FirmwareView created = registration.register(request);
        URI location = uris.path("/api/v1/firmware/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    PageResponse<FirmwareView> list(@RequestParam(required = false) @Positive Integer productId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return firmware.list(productId, page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.READ)
    FirmwareView get(@PathVariable long id) {
        return firmware.get(id);
    }

}
