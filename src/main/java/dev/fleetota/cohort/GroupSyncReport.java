package dev.fleetota.cohort;

import java.time.Instant;

/**
 * What one mirror sync did to the Particle group.
 *
 * @param groupCreated the group did not exist and was created
 * @param members cohort members in the group after the sync
 * @param added devices added to the group
 * @param removed devices removed from the group (not, or no longer, in the cohort)
 * @param missing cohort members that Particle does not list in the product (left out)
 */
public record GroupSyncReport(long cohortId, String groupName, boolean groupCreated, int members, int added,
        int removed, int missing, Instant at) {

}
