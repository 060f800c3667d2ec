package dev.fleetota.rollout;

import dev.fleetota.device.DeviceListSynced;
import dev.fleetota.events.EventStreamConnected;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static dev.fleetota.rollout.DeviceUpdateTransitions.ts;

/**
 * Records in PostgreSQL when the product event stream (re)connected, for every instance to see: while nobody was
 * listening, a device in safe mode was not silent, we were deaf; its silence counts again from the reconnect until the
 * device-list reconciliation that follows has caught up on what it did meanwhile. Once a full device sync has read
 * the list after the reconnect (also recorded here), the device's own last hearing counts again, so a stream that
 * drops every few seconds cannot postpone a halt for ever.
 */
@Component
class StreamGapListener {

    static final String STREAM_CONNECTED = "event-stream-connected";

    static final String LIST_SYNCED = "device-list-synced";

    private final JdbcTemplate jdbc;

    StreamGapListener(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(EventStreamConnected connected) {
        mark(STREAM_CONNECTED, connected.at());
    }

    @EventListener
    void on(DeviceListSynced synced) {
        mark(LIST_SYNCED, synced.listedAt());
    }

    private void mark(String name, java.time.Instant at) {
        jdbc.update("""
                INSERT INTO engine_marker (name, at) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET at = greatest(engine_marker.at, EXCLUDED.at)
                """, name, ts(at));
    }

}
