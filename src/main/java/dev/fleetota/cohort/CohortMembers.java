package dev.fleetota.cohort;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Static cohort members, written and read set-based (one statement for any number of devices). */
@Component
class CohortMembers {

    private final JdbcTemplate jdbc;

    CohortMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void replace(long cohortId, Collection<String> deviceIds) {
        jdbc.update("DELETE FROM cohort_member WHERE cohort_id = ?", cohortId);
        if (!deviceIds.isEmpty()) {
            jdbc.update("INSERT INTO cohort_member (cohort_id, device_id) SELECT ?, unnest(?::text[])", cohortId,
                    deviceIds.toArray(String[]::new));
        }
    }

    List<String> ids(long cohortId) {
        return jdbc.queryForList("SELECT device_id FROM cohort_member WHERE cohort_id = ? ORDER BY device_id",
                String.class, cohortId);
    }

    Map<Long, Long> counts(Collection<Long> cohortIds) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.query("SELECT cohort_id, count(*) AS n FROM cohort_member WHERE cohort_id = ANY(?) GROUP BY cohort_id",
                rs -> {
                    counts.put(rs.getLong("cohort_id"), rs.getLong("n"));
                }, (Object) cohortIds.toArray(Long[]::new));
        return counts;
    }

}
