package dev.fleetota.events;

/**
 * What happened to one incoming event.
 *
 * @param eventId id of the stored row; null for a duplicate
 * @param stored true when this call stored it (also when it was stored as rejected)
 * @param duplicate true when an identical event had been stored before
 * @param rejectedReason why the event was rejected (stored, but not acted upon); null when valid
 */
public record IntakeResult(Long eventId, boolean stored, boolean duplicate, String rejectedReason) {

    static IntakeResult duplicateOf() {
        return new IntakeResult(null, false, true, null);
    }

}
