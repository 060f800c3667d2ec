package dev.fleetota.rollout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A rollout's policy never changes after creation, so hot paths (one event, one command) read it from memory instead
 * of parsing JSON per device.
 */
@Component
class RolloutSettingsCache {

    private final JdbcTemplate jdbc;

    private final Map<Long, RolloutPolicy> policies = new ConcurrentHashMap<>();

    RolloutSettingsCache(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    RolloutPolicy policy(long rolloutId) {
        return policies.computeIfAbsent(rolloutId, id -> RolloutJson.read(
                jdbc.queryForObject("SELECT policy::text FROM rollout WHERE id = ?", String.class, id),
                RolloutPolicy.class));
    }

}
