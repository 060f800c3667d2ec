package dev.fleetota.cohort;

import java.time.Instant;

/** A cohort in the list: the number of static members instead of their ids. */
public record CohortSummary(long id, String name, String description, long staticMemberCount,
        CohortSelector selector, Instant createdAt, Instant updatedAt) {

}
