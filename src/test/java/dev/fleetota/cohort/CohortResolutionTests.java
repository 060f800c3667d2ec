package dev.fleetota.cohort;

import java.util.List;
import java.util.UUID;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import dev.fleetota.common.NotFoundException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CohortResolutionTests {

    @Autowired
    CohortService cohorts;

    @Autowired
    JdbcTemplate jdbc;

    String site = "site-" + UUID.randomUUID();

    @Test
    void resolvesTheUnionOfSeveralCohortsSortedAndDistinct() {
        String both = TestDevices.device().site(site).simKind("THIRD_PARTY").insert(jdbc);
        String onlyStatic = TestDevices.device().insert(jdbc);
        String onlySelector = TestDevices.device().site(site).simKind("THIRD_PARTY").insert(jdbc);
        long staticCohort = insertCohort(null, both, onlyStatic);
        long dynamicCohort = insertCohort("{\"sites\": [\"" + site + "\"], \"simKinds\": [\"THIRD_PARTY\"]}");

        List<String> ids = cohorts.resolveDeviceIds(List.of(staticCohort, dynamicCohort));

        assertThat(ids).containsExactlyElementsOf(List.of(both, onlyStatic, onlySelector).stream().sorted().toList());
    }

    @Test
    void comparesTheDeviceOsRangeSemantically() {
        TestDevices.device().site(site).deviceOs("5.9.0").insert(jdbc);
        String newer = TestDevices.device().site(site).deviceOs("5.10.0").insert(jdbc);
        TestDevices.device().site(site).deviceOs("5.10.1-rc.1").insert(jdbc);
        TestDevices.device().site(site).insert(jdbc);
        long cohort = insertCohort("{\"sites\": [\"" + site + "\"], \"deviceOsMin\": \"5.10.0\","
                + " \"deviceOsMax\": \"5.10.0\"}");

        assertThat(cohorts.resolveDeviceIds(List.of(cohort))).containsExactly(newer);
    }

    @Test
    void removedStaticMembersAreLeftOut() {
        String removed = TestDevices.device().removed().insert(jdbc);
        String present = TestDevices.device().insert(jdbc);
        long cohort = insertCohort(null, removed, present);

        assertThat(cohorts.resolveDeviceIds(List.of(cohort))).containsExactly(present);
    }

    @Test
    void aDeviceMustHaveEveryTagOfTheSelector() {
        String all = TestDevices.device().site(site).tags("a", "b", "c").insert(jdbc);
        TestDevices.device().site(site).tags("a").insert(jdbc);
        long cohort = insertCohort("{\"sites\": [\"" + site + "\"], \"tags\": [\"a\", \"b\"]}");

        assertThat(cohorts.resolveDeviceIds(List.of(cohort))).containsExactly(all);
    }

    @Test
    void anUnknownCohortIsANotFound() {
        long known = insertCohort("{\"tags\": [\"x\"]}");

        assertThatThrownBy(() -> cohorts.resolveDeviceIds(List.of(known, 987654321L)))
            .isInstanceOf(NotFoundException.class)
            .hasMessageContaining("987654321");
    }

    @Test
    void getReturnsTheStaticMembersAndSelector() {
        String member = TestDevices.device().insert(jdbc);
        long cohort = insertCohort("{\"platformIds\": [13]}", member);

        CohortView view = cohorts.get(cohort);

        assertThat(view.deviceIds()).containsExactly(member);
        assertThat(view.selector().platformIds()).containsExactly(13);
    }

    private long insertCohort(String selector, String... members) {
        Long id = jdbc.queryForObject("insert into cohort (name, selector) values (?, ?::jsonb) returning id",
                Long.class, "c-" + UUID.randomUUID(), selector);
        for (String member : members) {
            jdbc.update("insert into cohort_member (cohort_id, device_id) values (?, ?)", id, member);
        }
        return id;
    }

}
