package dev.fleetota.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one idempotent entry point for Particle events, whatever the path (SSE, webhook, polling): validates, stores
 * append-only with a de-duplication key, and publishes one {@link DeviceEventsRecorded} per call with the valid events
 * stored for the first time (in input order), synchronously and inside the same transaction. Bad data never throws:
 * it is stored with a reason.
 */
@Service
public class DeviceEventIntake {

    private static final String INSERT = """
            INSERT INTO device_event (dedup_key, device_id, name, data, published_at, product_version, source,
                                      rejected_reason)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[]::timestamptz[],
                                 ?::int[], ?::varchar[], ?::varchar[])
            ON CONFLICT (dedup_key) DO NOTHING
            RETURNING id, dedup_key
            """;

    private final JdbcTemplate jdbc;

    private final ApplicationEventPublisher publisher;

    private final EventMetrics metrics;

    DeviceEventIntake(JdbcTemplate jdbc, ApplicationEventPublisher publisher, EventMetrics metrics) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Transactional
    public IntakeResult accept(IncomingEvent event, EventSource source) {
        return acceptAll(List.of(event), source).get(0);
    }

    /** Stores a batch with one multi-row insert and publishes one batch event; results are in input order. */
    @Transactional
    public List<IntakeResult> acceptAll(List<IncomingEvent> events, EventSource source) {
        return acceptChecked(events.stream().map(CheckedEvent::of).toList(), source);
    }

    /** {@link #acceptAll} for events already checked (the intake writer checks them on the submitter's thread). */
    @Transactional
    List<IntakeResult> acceptChecked(List<CheckedEvent> checked, EventSource source) {
        Map<String, CheckedEvent> unique = new LinkedHashMap<>();
        checked.forEach(c -> unique.putIfAbsent(c.dedupKey(), c));
        Map<String, Long> inserted = insert(new ArrayList<>(unique.values()), source);
        List<IntakeResult> results = new ArrayList<>(checked.size());
        List<DeviceEventRecorded> recorded = new ArrayList<>();
        Map<String, Boolean> claimed = new HashMap<>();
        for (CheckedEvent event : checked) {
            Long id = inserted.get(event.dedupKey());
            boolean first = id != null && claimed.putIfAbsent(event.dedupKey(), Boolean.TRUE) == null;
            if (!first) {
                results.add(IntakeResult.duplicateOf());
                continue;
            }
            results.add(new IntakeResult(id, true, false, event.rejectedReason()));
            if (event.valid()) {
                recorded.add(new DeviceEventRecorded(id, event.deviceId(), event.name(), event.trimmedData(),
                        event.publishedAt(), event.productVersion(), source));
            }
        }
        if (!recorded.isEmpty()) {
            publisher.publishEvent(new DeviceEventsRecorded(recorded, source));
        }
        count(results, source);
        return results;
    }

    /**
     * Keeps an event whose processing failed (a listener threw and the intake transaction rolled back) as rejected,
     * so nothing received is lost; device state is repaired by the next reconciliation.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public IntakeResult keepFailed(IncomingEvent event, EventSource source, String reason) {
        IncomingEvent failed = new IncomingEvent(event.name(), event.data(), event.publishedAt(), event.coreid(),
                event.productVersion(), "processing failed: " + reason);
        CheckedEvent checked = CheckedEvent.of(failed);
        Long id = insert(List.of(checked), source).get(checked.dedupKey());
        return id == null ? IntakeResult.duplicateOf() : new IntakeResult(id, true, false, checked.rejectedReason());
    }

    private Map<String, Long> insert(List<CheckedEvent> rows, EventSource source) {
        Map<String, Long> ids = new HashMap<>();
        if (rows.isEmpty()) {
            return ids;
        }
        jdbc.query(connection -> statement(connection, rows, source),
                rs -> {
                    ids.put(rs.getString("dedup_key"), rs.getLong("id"));
                });
        return ids;
    }

    private static PreparedStatement statement(Connection connection, List<CheckedEvent> rows, EventSource source)
            throws SQLException {
        int n = rows.size();
        String[][] text = new String[7][n];
        Integer[] versions = new Integer[n];
        for (int i = 0; i < n; i++) {
            CheckedEvent row = rows.get(i);
            text[0][i] = row.dedupKey();
            text[1][i] = row.deviceId();
            text[2][i] = row.name();
            text[3][i] = row.data();
            text[4][i] = row.publishedAt() == null ? null : row.publishedAt().toString();
            text[5][i] = source.name();
            text[6][i] = row.rejectedReason();
            versions[i] = row.productVersion();
        }
        PreparedStatement ps = connection.prepareStatement(INSERT);
        ps.setArray(1, array(connection, text[0]));
        ps.setArray(2, array(connection, text[1]));
        ps.setArray(3, array(connection, text[2]));
        ps.setArray(4, array(connection, text[3]));
        ps.setArray(5, array(connection, text[4]));
        ps.setArray(6, connection.createArrayOf("int4", versions));
        ps.setArray(7, array(connection, text[5]));
        ps.setArray(8, array(connection, text[6]));
        return ps;
    }

    private static Array array(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private void count(List<IntakeResult> results, EventSource source) {
        metrics.received(source, results.size());
        metrics.stored(source, (int) results.stream().filter(r -> r.stored() && r.rejectedReason() == null).count());
        metrics.rejected(source, (int) results.stream().filter(r -> r.stored() && r.rejectedReason() != null).count());
        metrics.duplicates(source, (int) results.stream().filter(IntakeResult::duplicate).count());
    }

}
