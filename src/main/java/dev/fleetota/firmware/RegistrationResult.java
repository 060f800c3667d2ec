package dev.fleetota.firmware;

/** The release a registration resolved to; {@code created} is false when an identical one already existed. */
public record RegistrationResult(FirmwareView release, boolean created) {

}
