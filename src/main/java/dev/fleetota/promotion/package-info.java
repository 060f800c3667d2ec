/**
 * Promotions: CI (or an operator) registers a firmware release, or finds the identical one, and creates a rollout
 * from a template in one idempotent request ({@code POST /api/v1/promotions} with an {@code Idempotency-Key}),
 * after the template's gates passed; the rollout is left in DRAFT, started, or scheduled for the next maintenance
 * window, as the template says. See docs/promotion.md.
 */
package dev.fleetota.promotion;
