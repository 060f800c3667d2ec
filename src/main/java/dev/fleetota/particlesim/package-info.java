/**
 * A faithful Particle Cloud simulator (REST + SSE, simulated devices with the Device OS upgrade sequence and
 * failure modes, ground-truth admin API under {@code /sim/}). Standalone: depends on no other fleet-ota module.
 * Entry points: {@link dev.fleetota.particlesim.ParticleSimulator} (in-process) and
 * {@link dev.fleetota.particlesim.SimulatorMain} (standalone). Contract: ../shared/particle-cloud-api.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.fleetota.particlesim;
