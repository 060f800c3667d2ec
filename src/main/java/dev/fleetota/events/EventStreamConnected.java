package dev.fleetota.events;

import java.time.Instant;

/**
 * The product event stream was (re)opened. Events published while it was down are lost (Particle has no replay), so
 * listeners reconcile device state from the REST API.
 *
 * @param at when the stream opened
 * @param reconnect false for the first connection of this instance, true afterwards
 */
public record EventStreamConnected(Instant at, boolean reconnect) {

}
