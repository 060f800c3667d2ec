package dev.fleetota.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.fleetota.common.SemVer;
import dev.fleetota.common.SessionLock;
import dev.fleetota.rollout.DeviceUpdateTransitions.Move;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Ends the verify period with one read of the device from the cloud (contract §13.5: completion is online, status
 * normal, the target app AND the target Device OS): SUCCEEDED, WRONG_VERSION, or back to waiting if it is not up.
 * The read happens outside any transaction. One instance reads at a time (a session advisory lock,
 * {@link SessionLock}): a reader killed mid-read leaves nothing behind, so another reads the same devices at its next
 * run (a claim that pushed the deadline out held them for 30 s). A read that failed pushes the device's deadline
 * {@link CloudReads#RETRY_FAILED} out, so it is tried again then, not on every run.
 */
@Component
class VerificationReader {

    private static final Logger log = LoggerFactory.getLogger(VerificationReader.class);

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    private final DeviceGateway gateway;

    private final DeviceUpdateTransitions transitions;

    private final RolloutSettingsCache settings;

    private final TransactionTemplate tx;

    private final Clock clock;

    private final CloudReads reads;

    VerificationReader(JdbcTemplate jdbc, DataSource dataSource, DeviceGateway gateway,
            DeviceUpdateTransitions transitions, RolloutSettingsCache settings, TransactionTemplate tx, Clock clock,
            CloudReads reads) {
        this.dataSource = dataSource;
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

    /** Advisory lock namespace "VERI", key 0: the one running verification reader. */
    static final int LOCK_NAMESPACE = 0x5645_5249;

    private static final int CHUNK = 100;

    /**
     * Reads every device whose verify period is over: chunks of up to {@value #CHUNK}, read concurrently
     * ({@link CloudReads}) outside any transaction, then the chunk's verdicts recorded at once ({@link #recordAll}).
     * Every device read leaves the due set (a transition, or its deadline pushed out after a failed read), so the
     * loop ends.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fleetota.rollout.tick-interval:PT0.5S}")
    public void verifyDue() {
        SessionLock.ifFree(dataSource, LOCK_NAMESPACE, 0, () -> {
            while (verify(due()) == CHUNK) {
                // a full chunk: more may be due
            }
        });
    }

    private int verify(List<Due> due) {
        if (due.isEmpty()) {
            return 0;
        }
        List<Optional<DeviceGateway.DeviceReading>> read = reads.readAll(due, d -> gateway.read(d.deviceId()));
        Instant now = clock.instant();
        List<Move> verdicts = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            Due d = due.get(i);
            if (read.get(i).isPresent()) {
                verdicts.add(move(d, read.get(i).get(), now));
            }
            else {
                recordAlone(d.id(), () -> unread(d, now), now);
            }
        }
        recordAll(verdicts, now);
        return due.size();
    }

    /**
     * The chunk's verdicts as one JDBC batch of single-statement moves, in device update id order (the order the
     * event intake locks them in), with no transaction opened for them: the batch is one round trip, which PostgreSQL
     * runs as one implicit transaction (all or nothing, row locks held for milliseconds). When the batch fails, each
     * verdict is recorded alone.
     */
    private void recordAll(List<Move> verdicts, Instant now) {
        if (verdicts.isEmpty()) {
            return;
        }
        try {
            transitions.applyAll(verdicts.stream().sorted(Comparator.comparingLong(Move::id)).toList());
        }
        catch (RuntimeException ex) {
            log.warn("Recording {} verification reads at once failed ({}); recording them one by one",
                    verdicts.size(), ex.toString());
            verdicts.forEach(verdict -> recordAlone(verdict.id(), () -> transitions.applyAll(List.of(verdict)), now));
        }
    }

    /** One device's outcome in a transaction of its own; when even that fails, its read counts as failed. */
    private void recordAlone(long deviceUpdateId, Runnable recording, Instant now) {
        try {
            tx.executeWithoutResult(s -> recording.run());
        }
        catch (RuntimeException ex) { // its deadline moves on, so it is not read again on every run
            log.warn("Recording the verification read of device update {} failed; retrying in {}", deviceUpdateId,
                    CloudReads.RETRY_FAILED, ex);
            retryLater(deviceUpdateId, now);
        }
    }

    private void retryLater(long deviceUpdateId, Instant now) {
        jdbc.update("UPDATE device_update SET deadline_at = ? WHERE id = ? AND state = 'VERIFYING'",
                ts(now.plus(CloudReads.RETRY_FAILED)), deviceUpdateId);
    }

    private List<Due> due() {
        return jdbc.query("""
                SELECT du.id, du.rollout_id, du.device_id, r.target_firmware_version, r.target_device_os,
                       du.verify_until
                FROM device_update du JOIN rollout r ON r.id = du.rollout_id
                WHERE du.state = 'VERIFYING' AND du.deadline_at <= ?
                ORDER BY du.deadline_at LIMIT %d
                """.formatted(CHUNK), (rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), DeviceUpdateRows.instant(rs, "verify_until")),
                ts(clock.instant()));
    }

    /** No reading: tried again later, or given up when it is too late. */
    private void unread(Due due, Instant now) {
        if (!giveUpIfTooLate(due, settings.policy(due.rolloutId()).safety(), now)) {
            retryLater(due.id(), now);
        }
    }

    private Move move(Due due, DeviceGateway.DeviceReading reading, Instant now) {
        Verdict verdict = verdict(due, reading);
        return new Move(due.id(), DeviceUpdateState.VERIFYING, verdict.to(), verdict.cause(), null,
                settings.policy(due.rolloutId()).safety(), now);
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

    /** True when it ended the device update (TIMED_OUT): unreadable for longer than the policy allows. */
    private boolean giveUpIfTooLate(Due due, SafetyPolicy safety, Instant now) {
        if (due.verifyUntil() != null && now.isAfter(due.verifyUntil().plus(safety.onlineAfterResetTimeout()))) {
            transitions.apply(due.id(), DeviceUpdateState.VERIFYING, DeviceUpdateState.TIMED_OUT,
                    "could not read the device to verify it", null, safety, now);
            return true;
        }
        return false;
    }

    private static boolean deviceOsReached(String reported, String target) {
        SemVer have = SemVer.parseOrNull(reported);
        return have != null && have.isAtLeast(SemVer.parse(target));
    }

}
