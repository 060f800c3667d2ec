package dev.fleetota.promotion;

import java.util.ArrayList;
import java.util.List;

import dev.fleetota.firmware.FirmwareView;
import dev.fleetota.promotion.GateDecision.FailedDevice;
import dev.fleetota.template.PromotionGate;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides promotion gates from what earlier rollouts of the same release did: two small read-only queries over
 * {@code rollout} and {@code device_update} per gate. A device's final state counts (a device retried to success
 * is a success).
 */
@Component
class GateEvaluator {

    private static final String BAD_STATES = "('SILENT_IN_SAFE_MODE', 'WRONG_VERSION', 'FLASH_FAILED')";

    private static final int FAILED_SAMPLE = 10;

    private final JdbcTemplate jdbc;

    GateEvaluator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<GateDecision> evaluate(List<PromotionGate> gates, FirmwareView release) {
        return gates.stream().map(gate -> evaluate(gate, release)).toList();
    }

    GateDecision evaluate(PromotionGate gate, FirmwareView release) {
        String scope = "r.firmware_release_id = ?"
                + (gate.cohortId() == null ? "" : " AND r.cohort_ids @> ARRAY[?]::bigint[]");
        Object[] args = gate.cohortId() == null ? new Object[] { release.id() }
                : new Object[] { release.id(), gate.cohortId() };
        List<long[]> rollouts = jdbc.query("""
                SELECT r.id, count(du.id) FILTER (WHERE du.state = 'SUCCEEDED')
                FROM rollout r LEFT JOIN device_update du ON du.rollout_id = r.id
                WHERE %s GROUP BY r.id ORDER BY 2 DESC, r.id
                """.formatted(scope), (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, args);
        Long failedCount = jdbc.queryForObject("SELECT count(*) FROM device_update du"
                + " JOIN rollout r ON r.id = du.rollout_id WHERE " + scope + " AND du.state IN " + BAD_STATES,
                Long.class, args);
        List<FailedDevice> failed = failedCount == null || failedCount == 0 ? List.of() : jdbc.query("""
                SELECT du.rollout_id, du.device_id, du.state
                FROM device_update du JOIN rollout r ON r.id = du.rollout_id
                WHERE %s AND du.state IN %s ORDER BY du.rollout_id, du.id LIMIT %d
                """.formatted(scope, BAD_STATES, FAILED_SAMPLE),
                (rs, i) -> new FailedDevice(rs.getLong(1), rs.getString(2), rs.getString(3)), args);
        return decide(gate, release, rollouts.isEmpty() ? null : rollouts.get(0),
                failedCount == null ? 0 : failedCount, failed);
    }

    private static GateDecision decide(PromotionGate gate, FirmwareView release, long[] best, long failedCount,
            List<FailedDevice> failed) {
        String scope = "firmware " + release.id() + " (product " + release.productId() + " v"
                + release.version() + ")" + (gate.cohortId() == null ? "" : " in cohort " + gate.cohortId());
        Long rolloutId = best == null ? null : best[0];
        long succeeded = best == null ? 0 : best[1];
        String reason;
        String detail;
        if (best == null) {
            reason = GateDecision.NO_EARLIER_ROLLOUT;
            detail = "No earlier rollout of " + scope + "; " + gate.minSucceeded() + " verified device(s) required.";
        }
        else if (failedCount > 0) {
            reason = GateDecision.DEVICES_FAILED;
            detail = failedCount + " device(s) ended SILENT_IN_SAFE_MODE, WRONG_VERSION or FLASH_FAILED in earlier "
                    + "rollouts of " + scope + " (first: " + describe(failed) + ").";
        }
        else if (succeeded < gate.minSucceeded()) {
            reason = GateDecision.TOO_FEW_SUCCEEDED;
            detail = "The best earlier rollout of " + scope + " (rollout " + rolloutId + ") reached " + succeeded
                    + " verified device(s); " + gate.minSucceeded() + " required.";
        }
        else {
            reason = GateDecision.PASSED;
            detail = "Rollout " + rolloutId + " of " + scope + " reached " + succeeded + " verified device(s) ("
                    + gate.minSucceeded() + " required) and no device of an earlier rollout ended badly.";
        }
        return new GateDecision(gate.name(), gate.minSucceeded(), gate.cohortId(), GateDecision.PASSED.equals(reason),
                reason, detail, rolloutId, succeeded, failedCount, new ArrayList<>(failed));
    }

    private static String describe(List<FailedDevice> failed) {
        if (failed.isEmpty()) {
            return "none";
        }
        FailedDevice first = failed.get(0);
        return "device " + first.deviceId() + " " + first.state() + " in rollout " + first.rolloutId();
    }

}
