package dev.fleetota.template;

import java.net.URI;
import java.util.List;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Rollout templates: operators write them (every write is a new version); every role, CI included, reads them. */
@RestController
@RequestMapping("/api/v1/rollout-templates")
@Validated
class TemplateController {

    private final TemplateEditing editing;

    private final TemplateService templates;

    TemplateController(TemplateEditing editing, TemplateService templates) {
        this.editing = editing;
        this.templates = templates;
    }

    @PostMapping
    @PreAuthorize(Roles.OPERATE)
    ResponseEntity<TemplateView> create(@Valid @RequestBody TemplateRequest request, UriComponentsBuilder uris) {
        TemplateView created = editing.create(request);
        URI location = uris.path("/api/v1/rollout-templates/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    PageResponse<TemplateView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return templates.list(page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.READ)
    TemplateView get(@PathVariable long id) {
        return templates.get(id);
    }

    /** Replaces the settings: writes version n+1 and makes it current. */
    @PutMapping("/{id}")
    @PreAuthorize(Roles.OPERATE)
    TemplateView update(@PathVariable long id, @Valid @RequestBody TemplateRequest request) {
        return editing.update(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.OPERATE)
    ResponseEntity<Void> delete(@PathVariable long id) {
        editing.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize(Roles.READ)
    List<TemplateView> versions(@PathVariable long id) {
        return templates.versions(id);
    }

    @GetMapping("/{id}/versions/{version}")
    @PreAuthorize(Roles.READ)
    TemplateView version(@PathVariable long id, @PathVariable int version) {
        return templates.get(id, version);
    }

}
