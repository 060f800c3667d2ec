package dev.fleetota.promotion;

import java.time.Instant;
import java.util.List;

import dev.fleetota.firmware.FirmwareView;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.template.StartMode;

/**
 * What a promotion did. A retry with the same {@code Idempotency-Key} and body gets this same document back (a
 * snapshot: {@code rollout} as it was right after the promotion; read {@code GET /api/v1/rollouts/{id}} for now).
 *
 * @param firmwareCreated false when an identical release was already registered
 * @param startAt when the rollout starts (null: left in DRAFT, or started at once)
 * @param endBy no device is started after this (null: no limit)
 */
public record PromotionResult(long promotionId, TemplateRef template, FirmwareView firmware, boolean firmwareCreated,
        RolloutView rollout, StartMode startMode, Instant startAt, Instant endBy, List<GateDecision> gates,
        String createdBy, Instant createdAt) {

    /** The template version the rollout was made from. */
    public record TemplateRef(long id, String name, int version) {

    }

}
