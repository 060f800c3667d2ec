/**
 * Cohorts: named sets of devices, static (device ids) and/or dynamic (a selector evaluated when asked). The rollout
 * engine resolves them with {@link dev.fleetota.cohort.CohortService#resolveDeviceIds}.
 */
package dev.fleetota.cohort;
