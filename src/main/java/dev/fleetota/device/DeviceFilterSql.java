package dev.fleetota.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.fleetota.common.SemVer;

/** Turns a {@link DeviceFilter} into a WHERE clause over {@code device d} with bound parameters only. */
final class DeviceFilterSql {

    private final List<String> conditions = new ArrayList<>();

    private final List<Object> params = new ArrayList<>();

    private DeviceFilterSql() {
    }

    static DeviceFilterSql of(DeviceFilter filter) {
        DeviceFilterSql sql = new DeviceFilterSql();
        if (!Boolean.TRUE.equals(filter.includeRemoved())) {
            sql.conditions.add("d.removed_at IS NULL");
        }
        sql.add("d.platform_id = ?", filter.platform());
        sql.add("d.device_os_version = ?", blankToNull(filter.deviceOs()));
        sql.add("d.device_os_rank >= ?", rank(filter.deviceOsMin()));
        sql.add("d.device_os_rank <= ?", rank(filter.deviceOsMax()));
        sql.add("d.sim_kind = ?", blankToNull(filter.simKind()));
        sql.add("d.online = ?", filter.online());
        sql.add("d.tags @> ARRAY[?::text]", blankToNull(filter.tag()));
        sql.add("d.site = ?", blankToNull(filter.site()));
        String q = blankToNull(filter.q());
        if (q != null) {
            String prefix = escapeLike(q.toLowerCase(Locale.ROOT)) + "%";
            sql.conditions.add("(d.id LIKE ? OR lower(d.name) LIKE ? OR lower(d.serial_number) LIKE ?)");
            sql.params.addAll(List.of(prefix, prefix, prefix));
        }
        return sql;
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<Object> params() {
        return params;
    }

    private void add(String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }

    private static Long rank(String version) {
        return version == null || version.isBlank() ? null : SemVer.parse(version).rank();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
