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

    private final CloudReads reads;

    VerificationReader(JdbcTemplate jdbc, DeviceGateway gateway, DeviceUpdateTransitions transitions,
            RolloutSettingsCache settings, TransactionTemplate tx, Clock clock, CloudReads reads) {
        this.reads = reads;
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.transitions = transitions;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    record Due(long id, long rolloutId, String deviceId, int targetVersion, String targetDeviceOs, Instant verifyUntil) {
    }

    private static final int CLAIM = 100;

    /**
     * Reads every device whose verify period is over: claims of up to {@value #CLAIM}, read concurrently
     * ({@link CloudReads}), each outcome recorded in a transaction of its own (one transaction for the claim would
     * hold its rows while the event intake waits for them).
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public void verifyDue() {
        while (verifyClaimed(claim()) == CLAIM) {
            // a full claim: more may be due
        }
    }

    private int verifyClaimed(List<Due> due) {
        if (due.isEmpty()) {
            return 0;
        }
        List<Optional<DeviceGateway.DeviceReading>> read = reads.readAll(due, d -> gateway.read(d.deviceId()));
        Instant now = clock.instant();
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            Optional<DeviceGateway.DeviceReading> r = read.get(i);
            tx.executeWithoutResult(s -> record(d, r, now));
        }
        return due.size();
    }

    private List<Due> claim() {
        Instant now = clock.instant();
        return jdbc.query("""
                WITH due AS (
                    SELECT id FROM device_update WHERE state = 'VERIFYING' AND deadline_at <= ?
                    ORDER BY deadline_at LIMIT %d FOR UPDATE SKIP LOCKED)
                UPDATE device_update du SET deadline_at = ? FROM due, rollout r
                WHERE du.id = due.id AND r.id = du.rollout_id
                RETURNING du.id, du.rollout_id, du.device_id, r.target_firmware_version, r.target_device_os,
                          du.verify_until
                """.formatted(CLAIM), (rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), DeviceUpdateRows.instant(rs, "verify_until")),
                ts(now), ts(now.plusSeconds(30)));
    }

    private void record(Due due, Optional<DeviceGateway.DeviceReading> reading, Instant now) {
        SafetyPolicy safety = settings.policy(due.rolloutId()).safety();
        if (reading.isEmpty()) {
            giveUpIfTooLate(due, safety, now);
            return;
        }
        Verdict verdict = verdict(due, reading.get());
        transitions.apply(due.id(), DeviceUpdateState.VERIFYING, verdict.to(), verdict.cause(), null, safety, now);
    }

    private record Verdict(DeviceUpdateState to, String cause) {
    }

    private static Verdict verdict(Due due, DeviceGateway.DeviceReading r) {
        if (r.safeMode()) {
            return new Verdict(DeviceUpdateState.SAFE_MODE, "verification read: safe mode");
        }
        if (r.firmwareVersion() != null && r.firmwareVersion() != due.targetVersion()) {
            return new Verdict(DeviceUpdateState.WRONG_VERSION, "verification read: app v" + r.firmwareVersion());
        }
        if (!deviceOsReached(r.systemFirmwareVersion(), due.targetDeviceOs())) {
            return new Verdict(DeviceUpdateState.WRONG_VERSION,
                    "verification read: Device OS " + r.systemFirmwareVersion());
        }
        if (!r.online() || r.firmwareVersion() == null) {
            return new Verdict(DeviceUpdateState.RESTARTED, "verification read: not online");
        }
        return new Verdict(DeviceUpdateState.SUCCEEDED,
                "verified: app v" + r.firmwareVersion() + ", Device OS " + r.systemFirmwareVersion());
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
