package dev.fleetota.rollout;

import dev.fleetota.events.EventStreamConnected;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Records in PostgreSQL when the product event stream (re)connected, for every instance to see: while nobody was
 * listening, a device in safe mode was not silent, we were deaf; its silence counts again from the reconnect (the
 * device-list reconciliation that follows catches up on what it did meanwhile).
 */
@Component
class StreamGapListener {

    static final String STREAM_CONNECTED = "event-stream-connected";

    private final JdbcTemplate jdbc;

    StreamGapListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(EventStreamConnected connected) {
        jdbc.update("""
                INSERT INTO engine_marker (name, at) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET at = greatest(engine_marker.at, EXCLUDED.at)
                """, STREAM_CONNECTED, ts(connected.at()));
    }

}
