package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.fleetota.common.SemVer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Ends the verify period with one read of the device from the cloud (contract §13.5: completion is online, status
 * normal, the target app AND the target Device OS): SUCCEEDED, WRONG_VERSION, or back to waiting if it is not up.
 * The read happens outside any transaction; a claim (pushing the deadline out) keeps two instances from both reading.
 */
@Component
class VerificationReader {

    private final JdbcTemplate jdbc;

    private final DeviceGateway gateway;

    private final DeviceUpdateTransitions transitions;

    private final RolloutSettingsCache settings;

    private final TransactionTemplate tx;

    private final Clock clock;

    VerificationReader(JdbcTemplate jdbc, DeviceGateway gateway, DeviceUpdateTransitions transitions,
            RolloutSettingsCache settings, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.transitions = transitions;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    record Due(long id, long rolloutId, String deviceId, int targetVersion, String targetDeviceOs, Instant verifyUntil) {
    }

    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public void verifyDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.query("""
                WITH due AS (
                    SELECT id FROM device_update WHERE state = 'VERIFYING' AND deadline_at <= ?
                    ORDER BY deadline_at LIMIT 100 FOR UPDATE SKIP LOCKED)
                UPDATE device_update du SET deadline_at = ? FROM due, rollout r
                WHERE du.id = due.id AND r.id = du.rollout_id
                RETURNING du.id, du.rollout_id, du.device_id, r.target_firmware_version, r.target_device_os,
                          du.verify_until
                """, (rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        DeviceUpdateRows.instant(rs, "verify_until")),
                ts(now), ts(now.plusSeconds(30)));
        due.forEach(this::verify);
    }

    private void verify(Due due) {
        Optional<DeviceGateway.DeviceReading> reading = gateway.read(due.deviceId());
        Instant now = clock.instant();
        SafetyPolicy safety = settings.policy(due.rolloutId()).safety();
        tx.executeWithoutResult(s -> {
            if (reading.isEmpty()) {
                giveUpIfTooLate(due, safety, now);
                return;
            }
            DeviceGateway.DeviceReading r = reading.get();
            if (r.safeMode()) {
                transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.SAFE_MODE,
                        "verification read: safe mode", null, safety, now);
            }
            else if (r.firmwareVersion() != null && r.firmwareVersion() != due.targetVersion()) {
                transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.WRONG_VERSION,
                        "verification read: app v" + r.firmwareVersion(), null, safety, now);
            }
            else if (!deviceOsReached(r.systemFirmwareVersion(), due.targetDeviceOs())) {
                transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.WRONG_VERSION,
                        "verification read: Device OS " + r.systemFirmwareVersion(), null, safety, now);
            }
            else if (!r.online() || r.firmwareVersion() == null) {
                transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.RESTARTED,
                        "verification read: not online", null, safety, now);
            }
            else {
                transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.SUCCEEDED,
                        "verified: app v" + r.firmwareVersion() + ", Device OS " + r.systemFirmwareVersion(), null,
                        safety, now);
            }
        });
    }

    private void giveUpIfTooLate(Due due, SafetyPolicy safety, Instant now) {
        if (due.verifyUntil() != null && now.isAfter(due.verifyUntil().plus(safety.onlineAfterResetTimeout()))) {
            transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.TIMED_OUT,
                    "could not read the device to verify it", null, safety, now);
        }
    }

    private static boolean deviceOsReached(String reported, String target) {
        SemVer have = SemVer.parseOrNull(reported);
        return have != null && have.isAtLeast(SemVer.parse(target));
    }

}
