package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.fleetota.device.DeviceSyncService;
import dev.fleetota.particle.ParticleDevice;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Reads, right before they may be started, the devices of running batches from the cloud (the device list carries
 * neither {@code last_heard} nor vitals, and a cellular device's {@code online} can lag by 46 minutes): one GET per
 * device, outside any transaction, recorded in the device table. The starter only starts devices read within
 * {@code fleetota.rollout.preflight-freshness}.
 */
@Component
class PreflightRefresher {

    private final JdbcTemplate jdbc;

    private final DeviceGateway gateway;

    private final DeviceSyncService devices;

    private final RolloutProperties properties;

    private final Clock clock;

    private final CloudReads reads;

    PreflightRefresher(JdbcTemplate jdbc, DeviceGateway gateway, DeviceSyncService devices,
            RolloutProperties properties, Clock clock, CloudReads reads) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.devices = devices;
        this.properties = properties;
        this.clock = clock;
        this.reads = reads;
    }

    record Claimed(long id, String deviceId) {
    }

    /** Reads the next devices due for a preflight read; returns how many were read. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public int refreshDue() {
        Instant now = clock.instant();
        List<Claimed> due = claim(now);
        if (due.isEmpty()) {
            return 0;
        }
        List<Optional<ParticleDevice>> fetched = reads.readAll(due, c -> gateway.fetch(c.deviceId()));
        List<ParticleDevice> read = new ArrayList<>();
        List<Object[]> done = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            Optional<ParticleDevice> device = fetched.get(i);
            if (device.isPresent()) {
                read.add(device.get());
                done.add(new Object[] { ts(clock.instant()), due.get(i).id() });
            }
        }
        devices.applyReads(read);
        jdbc.batchUpdate("UPDATE device_update SET preflight_read_at = ? WHERE id = ?", done);
        return read.size();
    }

    private List<Claimed> claim(Instant now) {
        return jdbc.query("""
                WITH due AS (
                    SELECT du.id FROM device_update du JOIN rollout r ON r.id = du.rollout_id
                    WHERE r.status = 'RUNNING' AND du.state = 'PENDING' AND du.deadline_at IS NULL
                      AND du.batch_number <= r.current_batch
                      AND (du.preflight_read_at IS NULL OR du.preflight_read_at < ?)
                      AND (du.preflight_claimed_at IS NULL OR du.preflight_claimed_at < ?)
                    ORDER BY du.rollout_id, du.batch_number, du.position
                    LIMIT ? FOR UPDATE OF du SKIP LOCKED)
                UPDATE device_update du SET preflight_claimed_at = ? FROM due WHERE du.id = due.id
                RETURNING du.id, du.device_id
                """, (rs, i) -> new Claimed(rs.getLong(1), rs.getString(2)),
                ts(now.minus(properties.preflightFreshness()).plusSeconds(15)), ts(now.minusSeconds(30)),
                properties.maxQueuedCommands(), ts(now));
    }

}
