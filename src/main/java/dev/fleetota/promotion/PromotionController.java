package dev.fleetota.promotion;

import java.net.URI;

import dev.fleetota.common.Roles;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/promotions}: CI pipelines and operators promote a firmware release with a template. */
@RestController
@RequestMapping("/api/v1/promotions")
class PromotionController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String REPLAYED = "Idempotent-Replayed";

    private final Promotions promotions;

    PromotionController(Promotions promotions) {
        this.promotions = promotions;
    }

    /** 201 with the rollout's location; a replay answers the first response again, marked Idempotent-Replayed. */
    @PostMapping
    @PreAuthorize(Roles.RELEASE)
    ResponseEntity<PromotionResult> promote(@Valid @RequestBody PromotionRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        Promoted promoted = promotions.promote(request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/v1/rollouts/" + promoted.result().rollout().id()))
            .header(REPLAYED, String.valueOf(promoted.replayed()))
            .body(promoted.result());
    }

}
