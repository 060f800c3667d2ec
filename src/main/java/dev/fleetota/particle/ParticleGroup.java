package dev.fleetota.particle;

/** A product device group (§7). {@code fwVersion} is the product firmware released to it, if any. */
public record ParticleGroup(String name, String description, String color, Integer fwVersion, Integer deviceCount) {

}
