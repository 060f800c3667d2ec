package dev.fleetota.device;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.NotFoundException;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Device queries: the API listing and detail, and look-ups other modules use. */
@Service
public class DeviceService {

    static final String RESOURCE = "device";

    private final JdbcTemplate jdbc;

    private final DeviceRows rows;

    DeviceService(JdbcTemplate jdbc, DeviceRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    PageResponse<DeviceView> list(DeviceFilter filter) {
        DeviceFilterSql sql = DeviceFilterSql.of(filter);
        int page = filter.pageOrDefault();
        int size = filter.sizeOrDefault();
        Long total = jdbc.queryForObject("SELECT count(*) FROM device d" + sql.where(), Long.class,
                sql.params().toArray());
        List<Object> params = new ArrayList<>(sql.params());
        params.add(size);
        params.add((long) page * size);
        List<DeviceView> items = jdbc.query("SELECT " + DeviceRows.COLUMNS + " FROM device d" + sql.where()
                + " ORDER BY d.id LIMIT ? OFFSET ?", rows, params.toArray());
        return PageResponse.of(new PageImpl<>(items, PageRequest.of(page, size), total == null ? 0 : total));
    }

    /** One device by id (any case); 400 for a malformed id, 404 when unknown. Removed devices are found too. */
    @Transactional(readOnly = true)
    public DeviceView get(String id) {
        String normalized = DeviceIds.normalize(id);
        return jdbc.query("SELECT " + DeviceRows.COLUMNS + " FROM device d WHERE d.id = ?", rows, normalized)
            .stream()
            .findFirst()
            .orElseThrow(() -> new NotFoundException(RESOURCE, normalized));
    }

    /** The devices with these ids (lowercase), sorted by id; unknown ids are left out. */
    @Transactional(readOnly = true)
    public List<DeviceView> findViews(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + DeviceRows.COLUMNS + " FROM device d WHERE d.id = ANY(?) ORDER BY d.id", rows,
                (Object) ids.toArray(String[]::new));
    }

    /** Which of these ids (lowercase) name no device at all, sorted. */
    @Transactional(readOnly = true)
    public List<String> missingIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT i FROM unnest(?::text[]) AS i WHERE NOT EXISTS"
                + " (SELECT 1 FROM device d WHERE d.id = i) ORDER BY i", String.class,
                (Object) ids.toArray(String[]::new));
    }

    @Transactional(readOnly = true)
    boolean exists(String normalizedId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM device WHERE id = ?)",
                Boolean.class, normalizedId));
    }

}
