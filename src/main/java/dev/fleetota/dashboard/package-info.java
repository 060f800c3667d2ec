/**
 * The operator dashboard under {@code /ui}: server-side pages (Thymeleaf) with a little htmx, live rollout
 * progress over a server-sent event stream, actions for operators. Signs in with the API tokens and keeps a session
 * cookie (its own security filter chain; the API chain stays stateless). Reads through the public queries of
 * {@code rollout} and {@code device}, acts through {@code RolloutControl}; the fleet overview counts with one
 * grouped query of its own.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = { "rollout", "device", "security", "common", "api" })
package dev.fleetota.dashboard;
