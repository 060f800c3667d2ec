package dev.fleetota.device;

/** A Particle hardware platform: {@code platform_id}, name and generation (2, 3 or 4). */
public record Platform(int id, String name, int generation) {

}
