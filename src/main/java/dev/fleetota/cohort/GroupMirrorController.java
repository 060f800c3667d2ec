package dev.fleetota.cohort;

import dev.fleetota.common.Roles;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A cohort's mirror to a Particle device group: operators configure and sync it; every role reads it. */
@RestController
@RequestMapping("/api/v1/cohorts/{id}/group-mirror")
class GroupMirrorController {

    private final GroupMirrors mirrors;

    private final GroupMirrorSync sync;

    GroupMirrorController(GroupMirrors mirrors, GroupMirrorSync sync) {
        this.mirrors = mirrors;
        this.sync = sync;
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    GroupMirrorView get(@PathVariable long id) {
        return mirrors.get(id);
    }

    @PutMapping
    @PreAuthorize(Roles.OPERATE)
    GroupMirrorView configure(@PathVariable long id, @Valid @RequestBody GroupMirrorRequest request) {
        return mirrors.configure(id, request);
    }

    @DeleteMapping
    @PreAuthorize(Roles.OPERATE)
    ResponseEntity<Void> remove(@PathVariable long id) {
        mirrors.remove(id);
        return ResponseEntity.noContent().build();
    }

    /** Syncs the group now (otherwise it is synced every {@code fleetota.cohort.group-mirror.interval}). */
    @PostMapping("/sync")
    @PreAuthorize(Roles.OPERATE)
    GroupSyncReport sync(@PathVariable long id) {
        return sync.sync(id);
    }

}
