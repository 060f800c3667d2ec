package dev.fleetota.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import dev.fleetota.common.SemVer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DeviceRepositoryTests {

    @Autowired
    DeviceRepository devices;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSavedDeviceKeepsItsDeviceOsRankAndTagsInTheTable() {
        Device device = new Device(TestDevices.randomId(), 13, Instant.now());
        device.reportDeviceOs("5.10.0", Instant.now());
        device.changeTags(List.of("a", "b"), Instant.now());

        devices.saveAndFlush(device);

        Map<String, Object> row = jdbc.queryForMap(
                "select device_os_rank, array_to_string(tags, ',') as tags, sim_kind from device where id = ?",
                device.getId());
        assertThat(row).containsEntry("device_os_rank", SemVer.parse("5.10.0").rank())
            .containsEntry("tags", "a,b")
            .containsEntry("sim_kind", "NONE");
    }

    @Test
    void aDeviceWithAnUnparsableDeviceOsHasNoRank() {
        Device device = new Device(TestDevices.randomId(), 13, Instant.now());

        device.reportDeviceOs("garbage", Instant.now());

        assertThat(device.getDeviceOsVersion()).isEqualTo("garbage");
        assertThat(device.getDeviceOsRank()).isNull();
    }

    @Test
    void aDeviceReadFromTheTableMapsArraysAndJson() {
        String id = TestDevices.device().tags("x", "y").insert(jdbc);
        jdbc.update("update device set vitals = '{\"battery\": 81}'::jsonb, particle_groups = '{g1}' where id = ?",
                id);

        Device device = devices.findById(id).orElseThrow();

        assertThat(device.getTags()).containsExactly("x", "y");
        assertThat(device.isRemoved()).isFalse();
    }

}
