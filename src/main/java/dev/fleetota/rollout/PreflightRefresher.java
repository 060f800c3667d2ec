package dev.fleetota.rollout;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fleetota.common.SessionLock;
import dev.fleetota.device.DeviceSyncService;
import dev.fleetota.particle.ParticleDevice;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Reads, right before they may be started, the devices of running batches from the cloud (the device list carries
 * neither {@code last_heard} nor vitals, and a cellular device's {@code online} can lag by 46 minutes): one GET per
 * device, outside any transaction, recorded in the device table. The starter only starts devices read within
 * {@code fleetota.rollout.preflight-freshness}.
 * <p>
 * One instance reads at a time (a session advisory lock, {@link SessionLock}): the reads spend Particle's API budget,
 * which is per public source IP and so shared by instances behind one egress address, and an instance killed
 * mid-read leaves nothing behind, so another reads the same devices at its next tick (a claim timestamp would hold
 * them until it aged out). A device whose read failed is tried again after {@link CloudReads#RETRY_FAILED}
 * ({@code preflight_failed_at}), not on every tick.
 */
@Component
class PreflightRefresher {

    private static final Logger log = LoggerFactory.getLogger(PreflightRefresher.class);

    /** Advisory lock namespace "PREF", key 0: the one running preflight reader. */
    static final int LOCK_NAMESPACE = 0x5052_4546;

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    private final DeviceGateway gateway;

    private final DeviceSyncService devices;

    private final RolloutProperties properties;

    private final Clock clock;

    private final CloudReads reads;

    PreflightRefresher(JdbcTemplate jdbc, DataSource dataSource, DeviceGateway gateway, DeviceSyncService devices,
            RolloutProperties properties, Clock clock, CloudReads reads) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.gateway = gateway;
        this.devices = devices;
        this.properties = properties;
        this.clock = clock;
        this.reads = reads;
    }

    record Due(long id, String deviceId) {
    }

    /** Reads the next devices due for a preflight read; returns how many were read (0 if another instance reads). */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public int refreshDue() {
        return SessionLock.ifFree(dataSource, LOCK_NAMESPACE, 0, this::refresh).orElse(0);
    }

    private int refresh() {
        List<Due> due = due(clock.instant());
        if (due.isEmpty()) {
            return 0;
        }
        List<Optional<ParticleDevice>> fetched = reads.readAll(due, c -> gateway.fetch(c.deviceId()));
        List<ParticleDevice> read = new ArrayList<>();
        List<Object[]> done = new ArrayList<>();
        List<Object[]> failed = new ArrayList<>();
        Timestamp now = ts(clock.instant());
        for (int i = 0; i < due.size(); i++) {
            Optional<ParticleDevice> device = fetched.get(i);
            Object[] row = { now, due.get(i).id() };
            if (device.isPresent()) {
                read.add(device.get());
                done.add(row);
            }
            else {
                failed.add(row);
            }
        }
        try {
            devices.applyReads(read);
            jdbc.batchUpdate("UPDATE device_update SET preflight_read_at = ? WHERE id = ?", done);
        }
        catch (RuntimeException ex) { // counted as failed reads, so they are not read again on every tick
            log.warn("Recording {} preflight reads failed; reading them again in {}", read.size(),
                    CloudReads.RETRY_FAILED, ex);
            failed.addAll(done);
            done.clear();
        }
        jdbc.batchUpdate("UPDATE device_update SET preflight_failed_at = ? WHERE id = ?", failed);
        return done.size();
    }

    private List<Due> due(Instant now) {
        return jdbc.query("""
                SELECT du.id, du.device_id FROM device_update du JOIN rollout r ON r.id = du.rollout_id
                WHERE r.status = 'RUNNING' AND du.state = 'PENDING' AND du.deadline_at IS NULL
                  AND du.batch_number <= r.current_batch
                  AND (du.preflight_read_at IS NULL OR du.preflight_read_at < ?)
                  AND (du.preflight_failed_at IS NULL OR du.preflight_failed_at < ?)
                ORDER BY du.rollout_id, du.batch_number, du.position
                LIMIT ?
                """, (rs, i) -> new Due(rs.getLong(1), rs.getString(2)),
                ts(now.minus(properties.preflightFreshness()).plusSeconds(15)),
                ts(now.minus(CloudReads.RETRY_FAILED)), properties.maxQueuedCommands());
    }

}
