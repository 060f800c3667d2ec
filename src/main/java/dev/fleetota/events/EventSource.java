package dev.fleetota.events;

/** How an event reached us; stored with every event (column {@code device_event.source}). */
public enum EventSource {

    /** The product server-sent-event stream. */
    SSE,

    /** A Particle webhook integration posting to {@code /api/v1/particle/webhook}. */
    WEBHOOK,

    /** Synthesised from polling the REST API. */
    POLL

}
