package dev.fleetota.cohort;

import java.time.Instant;

/**
 * A cohort's Particle group mirror and how its last sync went ({@code lastSync*} null before the first sync).
 *
 * @param lastMemberCount cohort members that are in the group after the last sync
 * @param lastMissing cohort members Particle does not list in the product (they cannot be added)
 */
public record GroupMirrorView(long cohortId, String groupName, String createdBy, Instant createdAt,
        Instant updatedAt, Instant lastSyncAt, String lastSyncOutcome, Integer lastAdded, Integer lastRemoved,
        Integer lastMemberCount, Integer lastMissing, String lastError) {

}
