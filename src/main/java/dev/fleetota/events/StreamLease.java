package dev.fleetota.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rows of table {@code lease}: at most one holder per name until {@code expires_at}. Taking over succeeds when the
 * lease is free, expired, or already ours (renewal); times are the database's, so instance clocks do not matter.
 */
@Component
class StreamLease {

    private static final String ACQUIRE = """
            INSERT INTO lease (name, holder, expires_at) VALUES (?, ?, now() + make_interval(secs => ?))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE lease.expires_at < now() OR lease.holder = ?
            RETURNING holder
            """;

    private final JdbcTemplate jdbc;

    StreamLease(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease; true when {@code holder} holds it for {@code duration} from now. */
    boolean acquire(String name, String holder, Duration duration) {
        List<String> rows = jdbc.queryForList(ACQUIRE, String.class, name, holder, duration.toMillis() / 1000.0,
                holder);
        return !rows.isEmpty();
    }

    void release(String name, String holder) {
        jdbc.update("DELETE FROM lease WHERE name = ? AND holder = ?", name, holder);
    }

    Optional<String> holder(String name) {
        return jdbc.queryForList("SELECT holder FROM lease WHERE name = ? AND expires_at >= now()", String.class, name)
            .stream()
            .findFirst();
    }

}
