package dev.fleetota.cohort;

import java.util.ArrayList;
import java.util.List;

import dev.fleetota.common.SemVer;

/**
 * A selector as a SQL condition over {@code device d}, with bound parameters only. Device OS bounds compare
 * {@code device_os_rank} (semantic order); tags use the GIN-indexed {@code @>}.
 */
record SelectorSql(String condition, List<Object> params) {

    static SelectorSql of(CohortSelector selector) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (notEmpty(selector.platformIds())) {
            conditions.add("d.platform_id = ANY(?::int[])");
            params.add(selector.platformIds().toArray(Integer[]::new));
        }
        if (notEmpty(selector.simKinds())) {
            conditions.add("d.sim_kind = ANY(?::text[])");
            params.add(selector.simKinds().toArray(String[]::new));
        }
        if (selector.deviceOsMin() != null) {
            conditions.add("d.device_os_rank >= ?");
            params.add(SemVer.parse(selector.deviceOsMin()).rank());
        }
        if (selector.deviceOsMax() != null) {
            conditions.add("d.device_os_rank <= ?");
            params.add(SemVer.parse(selector.deviceOsMax()).rank());
        }
        if (notEmpty(selector.tags())) {
            conditions.add("d.tags @> ?::text[]");
            params.add(selector.tags().toArray(String[]::new));
        }
        if (notEmpty(selector.sites())) {
            conditions.add("d.site = ANY(?::text[])");
            params.add(selector.sites().toArray(String[]::new));
        }
        // A selector without criteria is rejected by validation; should one reach here, it matches nothing.
        return new SelectorSql(conditions.isEmpty() ? "FALSE" : "(" + String.join(" AND ", conditions) + ")",
                params);
    }

    private static boolean notEmpty(List<?> values) {
        return values != null && !values.isEmpty();
    }

}
