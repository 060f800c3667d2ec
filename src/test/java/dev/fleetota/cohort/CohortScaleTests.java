package dev.fleetota.cohort;

import java.util.List;

import dev.fleetota.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** 100,000 devices in a database of their own (a separate context), so other tests' listings stay small. */
@IntegrationTest
@TestPropertySource(properties = "fleetota.test.isolated-database=cohort-scale")
class CohortScaleTests {

    static final int DEVICES = 100_000;

    @Autowired
    CohortService cohorts;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void fleetOf100kDevices() {
        Integer existing = jdbc.queryForObject("select count(*) from device", Integer.class);
        if (existing != null && existing >= DEVICES) {
            return;
        }
        jdbc.update("""
                insert into device (id, platform_id, sim_kind, device_os_version, device_os_rank, tags, site)
                select lpad(to_hex(i), 24, '0'), case when i % 3 = 0 then 10 else 13 end,
                       case when i % 3 = 0 then 'THIRD_PARTY' else 'PARTICLE' end,
                       '5.' || (i % 12) || '.0', ((5 * 10000 + (i % 12)) * 10000::bigint) * 2 + 1,
                       array['batch-' || (i % 10)], 'site-' || (i % 50)
                from generate_series(1, ?) as i""", DEVICES);
        jdbc.execute("analyze device");
    }

    @Test
    void resolvingCohortsOverAHundredThousandDevicesTakesWellUnderASecond() {
        Long staticCohort = jdbc.queryForObject("insert into cohort (name) values ('static-10k') returning id",
                Long.class);
        jdbc.update("insert into cohort_member (cohort_id, device_id) select ?, id from device order by id limit 10000",
                staticCohort);
        Long dynamicCohort = jdbc.queryForObject("insert into cohort (name, selector) values ('dynamic', "
                + "'{\"platformIds\": [13], \"deviceOsMin\": \"5.10.0\", \"tags\": [\"batch-1\"]}'::jsonb)"
                + " returning id", Long.class);
        cohorts.resolveDeviceIds(List.of(staticCohort, dynamicCohort)); // warm up

        long started = System.nanoTime();
        List<String> ids = cohorts.resolveDeviceIds(List.of(staticCohort, dynamicCohort));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(ids).hasSizeGreaterThan(10_000).isSorted().doesNotHaveDuplicates();
        assertThat(millis).isLessThan(1_000);
    }

}
