package dev.fleetota.cohort;

import java.util.List;

/** How many devices a selector matches now, and the first (by id) of them. */
record CohortPreview(long count, List<String> sample) {

}
