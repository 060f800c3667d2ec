package dev.fleetota.events;

/**
 * A Particle event as received, before validation: every field is raw text from the wire (nullable).
 *
 * @param name event name ({@code spark/status}, ...)
 * @param data event data exactly as sent, trailing spaces included; null when absent
 * @param publishedAt {@code published_at} as sent (ISO-8601)
 * @param coreid device id, or {@code api} / {@code particle-internal} for cloud-generated events
 * @param productVersion product firmware version of the publishing device (envelope {@code version}); 0 = no app
 * @param malformedReason set when the envelope itself could not be read; the event is then stored as rejected
 */
public record IncomingEvent(String name, String data, String publishedAt, String coreid, Integer productVersion,
        String malformedReason) {

    public IncomingEvent(String name, String data, String publishedAt, String coreid, Integer productVersion) {
        this(name, data, publishedAt, coreid, productVersion, null);
    }

    /** An envelope that could not be parsed: kept verbatim in {@code data}, stored as rejected. */
    public static IncomingEvent malformed(String name, String raw, String reason) {
        return new IncomingEvent(name, raw, null, null, null, reason);
    }

}
