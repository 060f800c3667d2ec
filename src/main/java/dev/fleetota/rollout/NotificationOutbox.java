package dev.fleetota.rollout;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Outgoing notifications (halt, approval needed, completion) are recorded in the same transaction as the state
 * change, then delivered with retries by {@link NotificationSender}: a crash never loses one.
 */
@Component
class NotificationOutbox {

    static final String HALTED = "rollout.halted";

    static final String APPROVAL_NEEDED = "rollout.approval_needed";

    static final String COMPLETED = "rollout.completed";

    private final JdbcTemplate jdbc;

    NotificationOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String kind, Rollout rollout, Map<String, Object> details, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", kind);
        payload.put("rolloutId", rollout.getId());
        payload.put("rolloutName", rollout.getName());
        payload.put("status", rollout.getStatus().name());
        payload.put("at", now.toString());
        payload.putAll(details);
        jdbc.update("INSERT INTO notification (kind, rollout_id, payload, created_at) VALUES (?, ?, ?::jsonb, ?)", kind,
                rollout.getId(), RolloutJson.write(payload), DeviceUpdateTransitions.ts(now));
    }

}
