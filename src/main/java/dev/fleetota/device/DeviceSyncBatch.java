package dev.fleetota.device;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.fleetota.common.SemVer;
import dev.fleetota.particle.ParticleDevice;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One batch of the sync as two set-based statements over {@code unnest}ed arrays: insert the new devices, then update
 * the known ones whose Particle-owned fields differ. Local fields (tags, site, time zone) are never written. Fields
 * Particle left out keep their stored value; event-driven fields (online, safe mode, app version) change only when no
 * newer event was applied since the sync started.
 */
final class DeviceSyncBatch {

    private static final String SOURCE = """
            unnest(CAST(:id AS varchar[]), CAST(:name AS varchar[]), CAST(:serial AS varchar[]),
                   CAST(:product AS int[]), CAST(:platform AS int[]), CAST(:cellular AS boolean[]),
                   CAST(:iccid AS varchar[]), CAST(:imei AS varchar[]), CAST(:sim AS varchar[]),
                   CAST(:os AS varchar[]), CAST(:rank AS bigint[]), CAST(:fw AS int[]), CAST(:desired AS int[]),
                   CAST(:targeted AS int[]), CAST(:development AS boolean[]), CAST(:enabled AS boolean[]),
                   CAST(:forced AS boolean[]), CAST(:groups AS text[]), CAST(:online AS boolean[]),
                   CAST(:safe AS boolean[]), CAST(CAST(:heard AS text[]) AS timestamptz[]),
                   CAST(CAST(:handshake AS text[]) AS timestamptz[]))
              AS s(id, name, serial_number, product_id, platform_id, cellular, iccid, imei, sim_kind, os, os_rank,
                   fw, desired, targeted, development, enabled, forced, groups_json, online, safe_mode, last_heard,
                   last_handshake_at)
            """;

    private static final String GROUPS = "ARRAY(SELECT jsonb_array_elements_text(CAST(s.groups_json AS jsonb)))";

    private static final String INSERT = """
            INSERT INTO device (id, name, serial_number, product_id, platform_id, cellular, iccid, imei, sim_kind,
                device_os_version, device_os_rank, firmware_version, desired_firmware_version, targeted_firmware_version,
                development, firmware_updates_enabled, firmware_updates_forced, particle_groups, online, safe_mode,
                last_heard, last_handshake_at, synced_at, online_changed_at, safe_mode_changed_at, firmware_reported_at)
            SELECT s.id, s.name, s.serial_number, s.product_id, coalesce(s.platform_id, 0), coalesce(s.cellular, false),
                s.iccid, s.imei, s.sim_kind, s.os, s.os_rank, s.fw, s.desired, s.targeted, coalesce(s.development, false),
                coalesce(s.enabled, true), coalesce(s.forced, false), coalesce(%s, '{}'), coalesce(s.online, false),
                coalesce(s.safe_mode, false), greatest(s.last_heard, s.last_handshake_at), s.last_handshake_at, :now,
                CASE WHEN s.online IS NOT NULL THEN :started END, CASE WHEN s.safe_mode IS NOT NULL THEN :started END,
                CASE WHEN s.fw IS NOT NULL THEN :started END
            FROM %s
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """.formatted(GROUPS, SOURCE);

    private static final String ONLINE_APPLIES = "s.online IS NOT NULL AND (d.online_changed_at IS NULL OR d.online_changed_at <= :started)";

    private static final String SAFE_APPLIES = "s.safe_mode IS NOT NULL AND (d.safe_mode_changed_at IS NULL OR d.safe_mode_changed_at <= :started)";

    private static final String FW_APPLIES = "s.fw IS NOT NULL AND (d.firmware_reported_at IS NULL OR d.firmware_reported_at <= :started)";

    /** Particle-owned columns and their new value; a row is updated (and counted) only when one of them differs. */
    private static final List<String[]> TRACKED = List.of(new String[] { "name", "coalesce(s.name, d.name)" },
            new String[] { "serial_number", "coalesce(s.serial_number, d.serial_number)" },
            new String[] { "product_id", "coalesce(s.product_id, d.product_id)" },
            new String[] { "platform_id", "coalesce(s.platform_id, d.platform_id)" },
            new String[] { "cellular", "coalesce(s.cellular, d.cellular)" },
            new String[] { "iccid", "coalesce(s.iccid, d.iccid)" }, new String[] { "imei", "coalesce(s.imei, d.imei)" },
            new String[] { "sim_kind", "CASE WHEN s.iccid IS NULL AND d.iccid IS NOT NULL THEN d.sim_kind ELSE s.sim_kind END" },
            new String[] { "device_os_version", "coalesce(s.os, d.device_os_version)" },
            new String[] { "device_os_rank", "CASE WHEN s.os IS NOT NULL THEN s.os_rank ELSE d.device_os_rank END" },
            new String[] { "firmware_version", "CASE WHEN " + FW_APPLIES + " THEN s.fw ELSE d.firmware_version END" },
            new String[] { "desired_firmware_version", "s.desired" },
            new String[] { "targeted_firmware_version", "s.targeted" },
            new String[] { "development", "coalesce(s.development, d.development)" },
            new String[] { "firmware_updates_enabled", "coalesce(s.enabled, d.firmware_updates_enabled)" },
            new String[] { "firmware_updates_forced", "coalesce(s.forced, d.firmware_updates_forced)" },
            new String[] { "particle_groups", "coalesce(" + GROUPS + ", d.particle_groups)" },
            new String[] { "online", "CASE WHEN " + ONLINE_APPLIES + " THEN s.online ELSE d.online END" },
            new String[] { "safe_mode", "CASE WHEN " + SAFE_APPLIES + " THEN s.safe_mode ELSE d.safe_mode END" },
            // list entries carry no last_heard (contract §4.1); a handshake is hearing from the device
            new String[] { "last_heard", "greatest(d.last_heard, s.last_heard, s.last_handshake_at)" },
            new String[] { "last_handshake_at", "greatest(d.last_handshake_at, s.last_handshake_at)" },
            new String[] { "removed_at", "NULL" });

    private static final String UPDATE = """
            UPDATE device d SET %s,
                online_changed_at = CASE WHEN %s THEN greatest(d.online_changed_at, :started) ELSE d.online_changed_at END,
                safe_mode_changed_at = CASE WHEN %s THEN greatest(d.safe_mode_changed_at, :started) ELSE d.safe_mode_changed_at END,
                firmware_reported_at = CASE WHEN %s THEN greatest(d.firmware_reported_at, :started) ELSE d.firmware_reported_at END,
                synced_at = :now, updated_at = now(), version = d.version + 1
            FROM %s
            WHERE d.id = s.id AND NOT (d.id = ANY(CAST(:inserted AS varchar[])))
              AND (%s) IS DISTINCT FROM (%s)
            """.formatted(
            TRACKED.stream().map(c -> c[0] + " = " + c[1]).collect(Collectors.joining(",\n    ")), ONLINE_APPLIES,
            SAFE_APPLIES, FW_APPLIES, SOURCE,
            TRACKED.stream().map(c -> "d." + c[0]).collect(Collectors.joining(", ")),
            TRACKED.stream().map(c -> c[1]).collect(Collectors.joining(", ")));

    /** Created and updated rows of one batch. */
    record Counts(int created, int updated) {
    }

    private DeviceSyncBatch() {
    }

    static Counts upsert(NamedParameterJdbcTemplate jdbc, List<ParticleDevice> devices, DeviceSyncProperties settings,
            Instant started, Instant now) {
        MapSqlParameterSource params = arrays(devices, settings).addValue("started", utc(started))
            .addValue("now", utc(now));
        List<String> inserted = jdbc.queryForList(INSERT, params, String.class);
        int updated = jdbc.update(UPDATE, params.addValue("inserted", inserted.toArray(String[]::new)));
        return new Counts(inserted.size(), updated);
    }

    private static MapSqlParameterSource arrays(List<ParticleDevice> devices, DeviceSyncProperties settings) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        p.addValue("id", strings(devices, d -> d.id().toLowerCase(Locale.ROOT)));
        p.addValue("name", strings(devices, d -> cut(d.name(), 255)));
        p.addValue("serial", strings(devices, d -> cut(d.serialNumber(), 64)));
        p.addValue("product", ints(devices, ParticleDevice::productId));
        p.addValue("platform", ints(devices, ParticleDevice::platformId));
        p.addValue("cellular", bools(devices, DeviceSyncBatch::cellular));
        p.addValue("iccid", strings(devices, d -> cut(d.iccid(), 32)));
        p.addValue("imei", strings(devices, d -> cut(d.imei(), 32)));
        p.addValue("sim", strings(devices, d -> settings.simKind(Boolean.TRUE.equals(cellular(d)), d.iccid())));
        p.addValue("os", strings(devices, d -> cut(d.systemFirmwareVersion(), 32)));
        p.addValue("rank", devices.stream().map(d -> semVer(d) == null ? null : semVer(d).rank()).toArray(Long[]::new));
        p.addValue("fw", ints(devices, ParticleDevice::firmwareVersion));
        p.addValue("desired", ints(devices, ParticleDevice::desiredFirmwareVersion));
        p.addValue("targeted", ints(devices, ParticleDevice::targetedFirmwareReleaseVersion));
        p.addValue("development", bools(devices, ParticleDevice::development));
        p.addValue("enabled", bools(devices, ParticleDevice::firmwareUpdatesEnabled));
        p.addValue("forced", bools(devices, ParticleDevice::firmwareUpdatesForced));
        p.addValue("groups", strings(devices, d -> d.groups() == null ? null : groupsJson(d.groups())));
        p.addValue("online", bools(devices, ParticleDevice::online));
        p.addValue("safe", bools(devices, d -> d.status() == null ? null : d.safeMode()));
        p.addValue("heard", strings(devices, d -> d.lastHeard() == null ? null : d.lastHeard().toString()));
        p.addValue("handshake", strings(devices, d -> d.lastHandshakeAt() == null ? null : d.lastHandshakeAt().toString()));
        return p;
    }

    /** List entries carry no {@code cellular} flag (§4.1); an ICCID or IMEI means cellular. */
    static Boolean cellular(ParticleDevice d) {
        return d.cellular() != null ? d.cellular() : (d.iccid() != null || d.imei() != null) ? Boolean.TRUE : null;
    }

    private static SemVer semVer(ParticleDevice d) {
        return SemVer.parseOrNull(d.systemFirmwareVersion());
    }

    private static String groupsJson(List<String> groups) {
        return groups.stream()
            .map(g -> "\"" + g.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String[] strings(List<ParticleDevice> devices, Function<ParticleDevice, String> f) {
        return devices.stream().map(f).toArray(String[]::new);
    }

    private static Integer[] ints(List<ParticleDevice> devices, Function<ParticleDevice, Integer> f) {
        return devices.stream().map(f).toArray(Integer[]::new);
    }

    private static Boolean[] bools(List<ParticleDevice> devices, Function<ParticleDevice, Boolean> f) {
        return devices.stream().map(f).toArray(Boolean[]::new);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
