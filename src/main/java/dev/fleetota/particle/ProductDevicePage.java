package dev.fleetota.particle;

import java.util.List;

/**
 * One page of {@code GET /v1/products/:p/devices}.
 *
 * @param devices the entries of this page
 * @param page the 1-based page number that was asked for
 * @param totalPages {@code meta.total_pages} as reported with this page, or null when Particle left it out
 */
public record ProductDevicePage(List<ParticleDevice> devices, int page, Integer totalPages) {

}
