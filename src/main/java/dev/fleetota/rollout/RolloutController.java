package dev.fleetota.rollout;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.fleetota.api.PageResponse;
import dev.fleetota.audit.Actors;
import dev.fleetota.common.Roles;
import dev.fleetota.rollout.RolloutViews.BatchView;
import dev.fleetota.rollout.RolloutViews.DeviceUpdateView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** REST adapter for rollouts (design §6): create, plan, inspect, steer. */
@RestController
@RequestMapping("/api/v1/rollouts")
@Validated
class RolloutController {

    private static final String DEVICE_ID = "[0-9A-Fa-f]{24}";

    private final RolloutCreation creation;

    private final RolloutControl control;

    private final RolloutQueries queries;

    private final RolloutProgressStream progress;

    RolloutController(RolloutCreation creation, RolloutControl control, RolloutQueries queries,
            RolloutProgressStream progress) {
        this.creation = creation;
        this.control = control;
        this.queries = queries;
        this.progress = progress;
    }

    @PostMapping
    @PreAuthorize(Roles.OPERATE)
    ResponseEntity<RolloutView> create(@Valid @RequestBody CreateRollout request) {
        RolloutView created = creation.create(request, Actors.current());
        return ResponseEntity.created(URI.create("/api/v1/rollouts/" + created.id())).body(created);
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    PageResponse<RolloutView> list(@RequestParam(required = false) Set<RolloutStatus> status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.list(status == null ? Set.of() : status, page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.READ)
    RolloutView get(@PathVariable long id) {
        return queries.get(id);
    }

    @GetMapping("/{id}/plan")
    @PreAuthorize(Roles.READ)
    RolloutPlan plan(@PathVariable long id) {
        return creation.plan(id);
    }

    @GetMapping("/{id}/batches")
    @PreAuthorize(Roles.READ)
    List<BatchView> batches(@PathVariable long id) {
        return queries.batches(id);
    }

    @GetMapping("/{id}/devices")
    @PreAuthorize(Roles.READ)
    PageResponse<DeviceUpdateView> devices(@PathVariable long id,
            @RequestParam(required = false) DeviceUpdateState state, @RequestParam(required = false) Integer batch,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
        return queries.devices(id, state, batch, page, size);
    }

    @GetMapping("/{id}/devices/{deviceId}/timeline")
    @PreAuthorize(Roles.READ)
    List<RolloutViews.TransitionView> deviceTimeline(@PathVariable long id,
            @PathVariable @Pattern(regexp = DEVICE_ID) String deviceId) {
        return queries.deviceTransitions(id, deviceId.toLowerCase());
    }

    @GetMapping(path = "/{id}/events", produces = "text/event-stream")
    @PreAuthorize(Roles.READ)
    SseEmitter events(@PathVariable long id) {
        return progress.open(id);
    }

    @PostMapping("/{id}/start")
    @PreAuthorize(Roles.OPERATE)
    RolloutView start(@PathVariable long id) {
        return control.start(id);
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize(Roles.OPERATE)
    RolloutView pause(@PathVariable long id) {
        return control.pause(id);
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize(Roles.OPERATE)
    RolloutView resume(@PathVariable long id) {
        return control.resume(id);
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize(Roles.OPERATE)
    RolloutView approve(@PathVariable long id) {
        return control.approve(id);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(Roles.OPERATE)
    RolloutView cancel(@PathVariable long id) {
        return control.cancel(id);
    }

    @PostMapping("/{id}/devices/{deviceId}/retry")
    @PreAuthorize(Roles.OPERATE)
    RolloutView retry(@PathVariable long id, @PathVariable @Pattern(regexp = DEVICE_ID) String deviceId) {
        return control.retryDevice(id, deviceId);
    }

    @PostMapping("/{id}/devices/{deviceId}/skip")
    @PreAuthorize(Roles.OPERATE)
    RolloutView skip(@PathVariable long id, @PathVariable @Pattern(regexp = DEVICE_ID) String deviceId) {
        return control.skipDevice(id, deviceId);
    }

}
