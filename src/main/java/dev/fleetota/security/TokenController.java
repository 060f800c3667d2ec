package dev.fleetota.security;

import java.net.URI;
import java.util.List;

import dev.fleetota.common.Roles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Token administration (ADMIN only). The secret is in the creation response and nowhere else. */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

    private final TokenAdministration tokens;

    TokenController(TokenAdministration tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @PreAuthorize(Roles.ADMINISTER)
    ResponseEntity<IssuedToken> create(@Valid @RequestBody CreateTokenRequest request, UriComponentsBuilder uris) {
        IssuedToken issued = tokens.issue(request.name(), Role.valueOf(request.role()));
        URI location = uris.path("/api/v1/tokens/{id}").buildAndExpand(issued.id()).toUri();
        return ResponseEntity.created(location).cacheControl(CacheControl.noStore()).body(issued);
    }

    @GetMapping
    @PreAuthorize(Roles.ADMINISTER)
    List<TokenView> list() {
        return tokens.list();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(Roles.ADMINISTER)
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }

    record CreateTokenRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 _.@-]*",
                    message = "may contain only letters, digits, space and _ . @ -") String name,
            @NotNull @Pattern(regexp = "VIEWER|OPERATOR|CI|ADMIN",
                    message = "must be one of VIEWER, OPERATOR, CI, ADMIN") String role) {

    }

}
