package dev.fleetota.rollout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Row mappers for the device_update table. */
final class DeviceUpdateRows {

    private DeviceUpdateRows() {
    }

    static TrackedUpdate tracked(ResultSet rs, int row) throws SQLException {
        return new TrackedUpdate(rs.getLong("id"), rs.getLong("rollout_id"), rs.getString("device_id"),
                rs.getInt("attempt"), DeviceUpdateState.valueOf(rs.getString("state")),
                instant(rs, "state_changed_at"), instant(rs, "requested_at"),
                instant(rs, "flash_succeeded_at"), instant(rs, "last_event_at"), rs.getInt("target_firmware_version"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

}
