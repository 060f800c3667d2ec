package dev.fleetota.cohort;

import java.net.URI;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.Roles;
import dev.fleetota.device.DeviceView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

/** Cohorts: operators edit them; every role reads them and previews selectors. */
@RestController
@RequestMapping("/api/v1/cohorts")
class CohortController {

    private final CohortEditing editing;

    private final CohortService cohorts;

    CohortController(CohortEditing editing, CohortService cohorts) {
        this.editing = editing;
        this.cohorts = cohorts;
    }

    @PostMapping
    @PreAuthorize(Roles.OPERATE)
    ResponseEntity<CohortView> create(@Valid @RequestBody CohortRequest request, UriComponentsBuilder uris) {
        CohortView created = editing.create(request);
        URI location = uris.path("/api/v1/cohorts/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    PageResponse<CohortSummary> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return cohorts.list(page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.READ)
    CohortView get(@PathVariable long id) {
        return cohorts.get(id);
    }

    @PutMapping("/{id}")
    @PreAuthorize(Roles.OPERATE)
    CohortView replace(@PathVariable long id, @Valid @RequestBody CohortRequest request) {
        return editing.replace(id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.OPERATE)
    ResponseEntity<Void> delete(@PathVariable long id) {
        editing.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/devices")
    @PreAuthorize(Roles.READ)
    PageResponse<DeviceView> devices(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return cohorts.devices(id, page, size);
    }

    /** How many devices a selector matches now, with a sample of ids; changes nothing. */
    @PostMapping("/preview")
    @PreAuthorize(Roles.READ)
    CohortPreview preview(@Valid @RequestBody CohortSelector selector) {
        return cohorts.preview(selector);
    }

}
