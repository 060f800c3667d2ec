package dev.fleetota.audit;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.Roles;
import jakarta.validation.Valid;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail, readable by every role: operators need to see who paused what. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @PreAuthorize(Roles.READ)
    PageResponse<AuditEntryView> find(@Valid AuditQuery query) {
        return queries.find(query);
    }

}
