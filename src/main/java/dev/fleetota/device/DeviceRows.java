package dev.fleetota.device;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Maps {@code device} rows (selected with {@link #COLUMNS}, table alias {@code d}) to {@link DeviceView}s. */
@Component
class DeviceRows implements RowMapper<DeviceView> {

    static final String COLUMNS = "d.id, d.name, d.serial_number, d.product_id, d.platform_id, d.cellular, d.iccid,"
            + " d.imei, d.sim_kind, d.device_os_version, d.firmware_version, d.desired_firmware_version,"
            + " d.targeted_firmware_version, d.development, d.firmware_updates_enabled, d.firmware_updates_forced,"
            + " d.particle_groups, d.tags, d.site, d.time_zone, d.online, d.safe_mode, d.last_heard,"
            + " d.last_handshake_at, d.last_reset_reason, d.app_hash, d.battery_charge, d.signal_strength,"
            + " d.vitals::text AS vitals, d.vitals_at, d.removed_at, d.synced_at, d.created_at, d.updated_at";

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final JsonMapper json;

    DeviceRows(JsonMapper json) {
        this.json = json;
    }

    @Override
    public DeviceView mapRow(ResultSet rs, int rowNum) throws SQLException {
        int platformId = rs.getInt("platform_id");
        return new DeviceView(rs.getString("id"), rs.getString("name"), rs.getString("serial_number"),
                rs.getObject("product_id", Integer.class), platformId, Platforms.nameOf(platformId),
                Platforms.generationOf(platformId), rs.getBoolean("cellular"), rs.getString("iccid"),
                rs.getString("imei"), SimKind.valueOf(rs.getString("sim_kind")), rs.getString("device_os_version"),
                rs.getObject("firmware_version", Integer.class),
                rs.getObject("desired_firmware_version", Integer.class),
                rs.getObject("targeted_firmware_version", Integer.class), rs.getBoolean("development"),
                rs.getBoolean("firmware_updates_enabled"), rs.getBoolean("firmware_updates_forced"),
                strings(rs.getArray("particle_groups")), strings(rs.getArray("tags")), rs.getString("site"),
                rs.getString("time_zone"), rs.getBoolean("online"), rs.getBoolean("safe_mode"),
                instant(rs, "last_heard"), instant(rs, "last_handshake_at"), rs.getString("last_reset_reason"),
                rs.getString("app_hash"), rs.getObject("battery_charge", Double.class),
                rs.getObject("signal_strength", Double.class), vitals(rs.getString("vitals")),
                instant(rs, "vitals_at"), instant(rs, "removed_at"), instant(rs, "synced_at"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private Map<String, Object> vitals(String text) {
        return text == null ? null : json.readValue(text, JSON_OBJECT);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

}
