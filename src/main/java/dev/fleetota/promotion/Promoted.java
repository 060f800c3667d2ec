package dev.fleetota.promotion;

/** A promotion's outcome: its result, and whether it was replayed for a repeated idempotency key. */
public record Promoted(PromotionResult result, boolean replayed) {

}
