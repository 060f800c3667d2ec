package dev.fleetota.device;

import java.util.List;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.NotFoundException;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A device's stored events (device_event), newest first. */
@Service
class DeviceTimeline {

    private static final RowMapper<DeviceEventView> EVENTS = (rs, n) -> new DeviceEventView(rs.getLong("id"),
            rs.getString("name"), rs.getString("data"), DeviceRows.instant(rs, "published_at"),
            rs.getObject("product_version", Integer.class), rs.getString("source"),
            DeviceRows.instant(rs, "received_at"), rs.getString("rejected_reason"));

    private final JdbcTemplate jdbc;

    private final DeviceService devices;

    DeviceTimeline(JdbcTemplate jdbc, DeviceService devices) {
        this.jdbc = jdbc;
        this.devices = devices;
    }

    @Transactional(readOnly = true)
    PageResponse<DeviceEventView> events(String id, int page, int size) {
        String deviceId = DeviceIds.normalize(id);
        if (!devices.exists(deviceId)) {
            throw new NotFoundException(DeviceService.RESOURCE, deviceId);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM device_event WHERE device_id = ?", Long.class,
                deviceId);
        List<DeviceEventView> items = jdbc.query("SELECT id, name, data, published_at, product_version, source,"
                + " received_at, rejected_reason FROM device_event WHERE device_id = ? ORDER BY id DESC"
                + " LIMIT ? OFFSET ?", EVENTS, deviceId, size, (long) page * size);
        return PageResponse.of(new PageImpl<>(items, PageRequest.of(page, size), total == null ? 0 : total));
    }

}
