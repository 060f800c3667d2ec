/**
 * Rollout templates: named, versioned rollout settings (cohorts, batch strategy, safety policy, windows, how a
 * promotion starts the rollout, promotion gates). Every update writes a new immutable version; promotions read them
 * through {@link dev.fleetota.template.TemplateService#resolve}. API: {@code /api/v1/rollout-templates}.
 */
package dev.fleetota.template;
