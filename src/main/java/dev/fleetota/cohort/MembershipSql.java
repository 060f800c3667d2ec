package dev.fleetota.cohort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The current members of some cohorts as one set-based query: devices that are not removed and are a static member
 * of any of the cohorts or match any of their selectors. Selects {@code d.id}; callers add ORDER BY / LIMIT.
 */
record MembershipSql(String from, List<Object> params) {

    static MembershipSql of(Collection<Long> cohortIds, Collection<CohortSelector> selectors) {
        List<String> alternatives = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!cohortIds.isEmpty()) {
            alternatives.add("EXISTS (SELECT 1 FROM cohort_member m WHERE m.device_id = d.id"
                    + " AND m.cohort_id = ANY(?::bigint[]))");
            params.add(cohortIds.toArray(Long[]::new));
        }
        for (CohortSelector selector : selectors) {
            SelectorSql sql = SelectorSql.of(selector);
            alternatives.add(sql.condition());
            params.addAll(sql.params());
        }
        String any = alternatives.isEmpty() ? "FALSE" : String.join(" OR ", alternatives);
        return new MembershipSql(" FROM device d WHERE d.removed_at IS NULL AND (" + any + ")", params);
    }

    Object[] paramsWith(Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all.toArray();
    }

}
