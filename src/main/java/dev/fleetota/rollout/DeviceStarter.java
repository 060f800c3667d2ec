package dev.fleetota.rollout;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateRows.instant;
import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Starts devices of the current batch: preflight each one against a fresh read of it (see {@link PreflightRefresher}),
 * skip it with the reason, or
 * queue its lock+flash command — only inside a maintenance window (per device time zone when asked), and no more
 * than the queue allows.
 */
@Component
class DeviceStarter {

    private final JdbcTemplate jdbc;

    private final CommandOutbox outbox;

    private final DeviceUpdateTransitions transitions;

    private final java.time.Duration freshness;

    private final EngineSignals signals;

    private final int dispatchThreads;

    DeviceStarter(JdbcTemplate jdbc, CommandOutbox outbox, DeviceUpdateTransitions transitions,
            RolloutProperties properties, EngineSignals signals) {
        this.freshness = properties.preflightFreshness();
        this.signals = signals;
        this.dispatchThreads = properties.dispatchThreads();
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transitions = transitions;
    }

    /** What one start pass did; {@code outsideWindow} counts devices left waiting for their window. */
    record Started(int queued, int skipped, int outsideWindow, int remaining) {
    }

    Started start(Rollout rollout, RolloutPolicy policy, int budget, Instant now) {
        List<PreflightCheck> pending = pendingDevices(rollout, now.minus(freshness), Math.max(budget * 4, 200));
        int queued = 0;
        int skipped = 0;
        int outsideWindow = 0;
        List<Object[]> deadlines = new ArrayList<>();
        for (PreflightCheck device : pending) {
            if (!policy.schedule().allowsStart(now, zone(device.timeZone()))) {
                outsideWindow++;
                continue;
            }
            String skip = device.skipReason(policy.preflight(), rollout.getTargetFirmwareVersion(),
                    rollout.getTargetDeviceOsRank(), now);
            if (skip != null) {
                transitions.apply(device.deviceUpdateId(), DeviceUpdateState.PENDING, DeviceUpdateState.SKIPPED,
                        "preflight: " + skip, null, policy.safety(), now);
                skipped++;
            }
            else if (queued < budget) {
                outbox.enqueue(device.deviceUpdateId(), rollout.getTargetFirmwareVersion(), device.needsForce(), now);
                deadlines.add(new Object[] { ts(now.plus(policy.safety().requestTimeout())), device.deviceUpdateId() });
                queued++;
            }
        }
        jdbc.batchUpdate("UPDATE device_update SET deadline_at = ? WHERE id = ? AND state = 'PENDING'", deadlines);
        if (queued > 0) {
            signals.dispatch().afterCommit(Math.min(queued, dispatchThreads));
        }
        return new Started(queued, skipped, outsideWindow, pending.size() - queued - skipped);
    }

    /** Whether some device not started yet (up to the current batch) is inside its window now. */
    boolean anyMayStart(Rollout rollout, RolloutPolicy policy, Instant now) {
        SchedulePolicy schedule = policy.schedule();
        if (!schedule.useDeviceTimeZone()) {
            return schedule.allowsStart(now, null);
        }
        List<String> zones = jdbc.queryForList("""
                SELECT DISTINCT d.time_zone FROM device_update du JOIN device d ON d.id = du.device_id
                WHERE du.rollout_id = ? AND du.batch_number <= ? AND du.state = 'PENDING'
                """, String.class, rollout.getId(), rollout.getCurrentBatch());
        return zones.stream().anyMatch(z -> schedule.allowsStart(now, zone(z)));
    }

    private List<PreflightCheck> pendingDevices(Rollout rollout, Instant freshSince, int limit) {
        return jdbc.query("""
                SELECT du.id, du.device_id, d.online, d.last_heard, d.safe_mode, d.battery_charge, d.signal_strength,
                       d.firmware_updates_enabled, d.firmware_updates_forced, d.firmware_version, d.device_os_rank,
                       d.time_zone,
                       EXISTS (SELECT 1 FROM device_update o WHERE o.device_id = du.device_id AND o.id <> du.id
                               AND o.state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING')) AS busy
                FROM device_update du JOIN device d ON d.id = du.device_id
                WHERE du.rollout_id = ? AND du.batch_number <= ? AND du.state = 'PENDING' AND du.deadline_at IS NULL
                  AND du.preflight_read_at >= ?
                ORDER BY du.batch_number, du.position LIMIT ?
                """, (rs, i) -> new PreflightCheck(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        instant(rs, "last_heard"), rs.getBoolean(5), (Double) rs.getObject(6), (Double) rs.getObject(7),
                        rs.getBoolean(8), rs.getBoolean(9), (Integer) rs.getObject(10), (Long) rs.getObject(11),
                        rs.getString(12), rs.getBoolean(13)),
                rollout.getId(), rollout.getCurrentBatch(), ts(freshSince), limit);
    }

    private static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? null : ZoneId.of(timeZone);
        }
        catch (java.time.DateTimeException ex) {
            return null;
        }
    }

}
