package dev.fleetota.particle;

/** Answer of a cloud function call: {@code return_value} is the integer the device function returned. */
public record FunctionResult(String deviceId, String name, Boolean connected, Integer returnValue) {

}
