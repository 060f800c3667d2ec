package dev.fleetota.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.fleetota.common.ConflictException;
import dev.fleetota.common.SessionLock;
import dev.fleetota.particle.ParticleClient;
import dev.fleetota.particle.ParticleDevice;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pulls the product's device list from Particle and upserts it in batches (set-based SQL, one short transaction per
 * batch, no transaction across the HTTP paging). Devices missing from a complete listing are marked
 * {@code removed_at}, never deleted; a device that reappears is un-marked. One sync at a time across all instances:
 * a session-level PostgreSQL advisory lock held on its own connection, released by PostgreSQL when the holder dies
 * (a {@code kill -9} mid-sync never blocks later syncs).
 */
@Service
public class DeviceSyncService {

    /** Advisory lock key (namespace "SYNC", key 0) that one running sync holds. */
    static final int LOCK_NAMESPACE = 0x5359_4E43;

    private static final Logger log = LoggerFactory.getLogger(DeviceSyncService.class);

    private static final Pattern DEVICE_ID = Pattern.compile("^[0-9a-f]{24}$");

    private static final String MARK_REMOVED = """
            UPDATE device SET removed_at = :now, updated_at = now(), version = version + 1
            WHERE removed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:ids AS varchar[])) AS listed(id) WHERE listed.id = device.id)
            """;

    /** What one sync did; {@code unchanged} devices were listed but needed no write. */
    public record SyncReport(int created, int updated, int unchanged, int removed, int total, Duration took) {
    }

    private final ParticleClient particle;

    private final NamedParameterJdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final DeviceSyncProperties settings;

    private final Clock clock;

    private final DataSource dataSource;

    private final ApplicationEventPublisher events;

    DeviceSyncService(DataSource dataSource, ParticleClient particle, NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transactions, DeviceSyncProperties settings, Clock clock,
            ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.events = events;
        this.particle = particle;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs one full sync. Throws {@link ConflictException} (409) when another sync is running, and the Particle
     * client's exceptions when the listing fails (nothing is marked removed then).
     */
    public SyncReport sync() {
        return SessionLock.ifFree(dataSource, LOCK_NAMESPACE, 0, this::run)
            .orElseThrow(() -> new ConflictException("sync-in-progress", "Sync already running",
                    "A device sync is already running on this or another instance; try again later.", Map.of()));
    }

    /**
     * Runs one full sync that starts after any sync running now has ended (it may have listed the devices too early
     * for the caller): waits for it up to {@code maxWait}, then throws {@link ConflictException} like {@link #sync}.
     */
    public SyncReport syncWhenFree(Duration maxWait) {
        long end = System.nanoTime() + maxWait.toNanos();
        while (true) {
            try {
                return sync();
            }
            catch (ConflictException busy) {
                if (System.nanoTime() > end) {
                    throw busy;
                }
                try {
                    Thread.sleep(50);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * Records fresh reads of single devices (device detail, e.g. a rollout's preflight or verification read) with the
     * same guarded upsert as a sync; nothing is marked removed. Returns how many rows changed.
     */
    public int applyReads(List<ParticleDevice> devices) {
        List<ParticleDevice> valid = devices.stream().filter(DeviceSyncService::hasValidId).toList();
        if (valid.isEmpty()) {
            return 0;
        }
        Instant started = clock.instant();
        DeviceSyncBatch.Counts counts = transactions
            .execute(status -> DeviceSyncBatch.upsert(jdbc, valid, settings, started, clock.instant()));
        return counts == null ? 0 : counts.created() + counts.updated();
    }

    private SyncReport run() {
        Instant started = clock.instant();
        List<ParticleDevice> listed = particle.listAllDevices().stream().filter(DeviceSyncService::hasValidId).toList();
        int created = 0;
        int updated = 0;
        for (int from = 0; from < listed.size(); from += settings.batchSize()) {
            List<ParticleDevice> batch = listed.subList(from, Math.min(listed.size(), from + settings.batchSize()));
            DeviceSyncBatch.Counts counts = transactions
                .execute(status -> DeviceSyncBatch.upsert(jdbc, batch, settings, started, clock.instant()));
            created += counts.created();
            updated += counts.updated();
        }
        int removed = markRemoved(listed);
        int total = listed.size();
        SyncReport report = new SyncReport(created, updated, total - created - updated, removed, total,
                Duration.between(started, clock.instant()));
        log.info("Device sync: {}", report);
        events.publishEvent(new DeviceListSynced(started));
        return report;
    }

    private int markRemoved(List<ParticleDevice> listed) {
        if (listed.isEmpty()) {
            log.warn("Particle listed no devices; not marking any device as removed (check PARTICLE_PRODUCT)");
            return 0;
        }
        String[] ids = listed.stream().map(d -> d.id().toLowerCase(Locale.ROOT)).toArray(String[]::new);
        MapSqlParameterSource params = new MapSqlParameterSource("ids", ids).addValue("now",
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        Integer removed = transactions.execute(status -> jdbc.update(MARK_REMOVED, params));
        return removed == null ? 0 : removed;
    }

    private static boolean hasValidId(ParticleDevice device) {
        boolean valid = device.id() != null && DEVICE_ID.matcher(device.id().toLowerCase(Locale.ROOT)).matches();
        if (!valid) {
            log.warn("Skipping a listed device with an invalid id: {}", device.id());
        }
        return valid;
    }

}
