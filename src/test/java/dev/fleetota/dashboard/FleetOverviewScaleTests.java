package dev.fleetota.dashboard;

import dev.fleetota.IntegrationTest;
import dev.fleetota.dashboard.FleetOverview.Counts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview's counts over 100,000 devices, in a database of their own (a separate context). */
@IntegrationTest
@TestPropertySource(properties = "fleetota.test.isolated-database=dashboard-scale")
class FleetOverviewScaleTests {

    static final int DEVICES = 100_000;

    @Autowired
    FleetOverview overview;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void fleetOf100kDevices() {
        Integer existing = jdbc.queryForObject("select count(*) from device", Integer.class);
        if (existing != null && existing >= DEVICES) {
            return;
        }
        jdbc.update("""
                insert into device (id, platform_id, sim_kind, device_os_version, device_os_rank, online, removed_at)
                select lpad(to_hex(i), 24, '0'), case when i % 4 = 0 then 10 else 13 end,
                       case when i % 4 = 0 then 'THIRD_PARTY' else 'PARTICLE' end,
                       '5.' || (i % 20) || '.0', ((5 * 10000 + (i % 20)) * 10000::bigint) * 2 + 1, i % 10 <> 0,
                       case when i > ? then now() end
                from generate_series(1, ? + 500) as i""", DEVICES, DEVICES);
        jdbc.execute("analyze device");
    }

    @Test
    void countingAHundredThousandDevicesTakesWellUnderASecond() {
        overview.counts(); // warm up

        long started = System.nanoTime();
        Counts counts = overview.counts();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(counts.total()).isEqualTo(DEVICES);
        assertThat(counts.online()).isEqualTo(DEVICES - DEVICES / 10);
        assertThat(millis).isLessThan(1_000);
    }

    @Test
    void removedDevicesAreNotCounted() {
        Counts counts = overview.counts();

        assertThat(counts.platforms().rows()).extracting(BarChart.Row::count).containsExactly(75_000L, 25_000L);
        assertThat(counts.deviceOs().rows()).hasSize(FleetOverview.MAX_VERSIONS + 1);
    }

}
