package dev.fleetota.cohort;

import java.time.Instant;
import java.util.List;

/** A cohort with its static members (sorted device ids) and its selector (null = static only). */
public record CohortView(long id, String name, String description, List<String> deviceIds,
        CohortSelector selector, Instant createdAt, Instant updatedAt, long version) {

}
