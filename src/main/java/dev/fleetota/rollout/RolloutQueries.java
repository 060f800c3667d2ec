package dev.fleetota.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fleetota.api.PageResponse;
import dev.fleetota.common.NotFoundException;
import dev.fleetota.rollout.RolloutViews.BatchView;
import dev.fleetota.rollout.RolloutViews.DeviceUpdateView;
import dev.fleetota.rollout.RolloutViews.TransitionView;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static dev.fleetota.rollout.DeviceUpdateRows.instant;

/** Read side of rollouts: views, batches, devices, transitions. */
@Service
@Transactional(readOnly = true)
public class RolloutQueries {

    private final RolloutRepository rollouts;

    private final JdbcTemplate jdbc;

    private final java.time.Clock clock;

    private final ProgressCounts progress;

    private final CurrentViews views;

    private final RolloutVersions versions;

    RolloutQueries(RolloutRepository rollouts, ProgressCounts progress, CurrentViews views, RolloutVersions versions,
            JdbcTemplate jdbc, java.time.Clock clock) {
        this.progress = progress;
        this.views = views;
        this.versions = versions;
        this.rollouts = rollouts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The rollout's current view. Outside a transaction (the API's GET) usually no database round trip: the version
     * from {@link RolloutVersions}, the view kept for that version ({@link CurrentViews}), the counts of
     * {@link ProgressCounts} and the ETA; the row is read only when the rollout changed.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public RolloutView get(long id) {
        Long version = versions.of(id);
        if (version == null) {
            throw new NotFoundException("rollout", id);
        }
        return views.of(id, version).map(kept -> current(kept.view(), kept.version())).orElseGet(() -> read(id));
    }

    private RolloutView read(long id) {
        Rollout r = rollouts.findById(id).orElseThrow(() -> new NotFoundException("rollout", id));
        RolloutView view = view(r);
        views.keep(r, view);
        return view;
    }

    private RolloutView view(Rollout r) {
        Map<DeviceUpdateState, Integer> counts = progress.of(r.getId(), r.getVersion());
        return RolloutView.of(r, counts, eta(r.getStatus(), r.getStartedAt(), RolloutView.Progress.of(counts)));
    }

    private RolloutView current(RolloutView view, long version) {
        Map<DeviceUpdateState, Integer> counts = progress.of(view.id(), version);
        return view.withProgress(counts, eta(view.status(), view.startedAt(), RolloutView.Progress.of(counts)));
    }

    public PageResponse<RolloutView> list(Collection<RolloutStatus> statuses, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
        var result = statuses.isEmpty() ? rollouts.findAll(request) : rollouts.findByStatusIn(statuses, request);
        return PageResponse.of(result, this::view);
    }

    public List<BatchView> batches(long id) {
        requireExists(id);
        Map<Integer, Map<String, Integer>> byBatch = new HashMap<>();
        jdbc.query("SELECT batch_number, state, count(*) FROM device_update WHERE rollout_id = ? GROUP BY 1, 2",
                rs -> {
                    byBatch.computeIfAbsent(rs.getInt(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                }, id);
        return jdbc.query("""
                SELECT number, high_risk, size, status, started_at, finished_at FROM rollout_batch
                WHERE rollout_id = ? ORDER BY number
                """, (rs, i) -> new BatchView(rs.getInt(1), rs.getInt(1) == 1, rs.getBoolean(2), rs.getInt(3),
                        rs.getString(4), instant(rs, "started_at"), instant(rs, "finished_at"),
                        byBatch.getOrDefault(rs.getInt(1), Map.of())),
                id);
    }

    public PageResponse<DeviceUpdateView> devices(long id, DeviceUpdateState state, Integer batch, int page,
            int size) {
        requireExists(id);
        String filter = " WHERE rollout_id = ?" + (state == null ? "" : " AND state = ?")
                + (batch == null ? "" : " AND batch_number = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(id));
        if (state != null) {
            args.add(state.name());
        }
        if (batch != null) {
            args.add(batch);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM device_update" + filter, Long.class, args.toArray());
        args.add(size);
        args.add((long) page * size);
        List<DeviceUpdateView> items = jdbc.query("""
                SELECT device_id, batch_number, attempt, state, state_changed_at, reason, requested_at, finished_at,
                       from_firmware_version, from_device_os FROM device_update""" + filter
                + " ORDER BY batch_number, position LIMIT ? OFFSET ?",
                (rs, i) -> new DeviceUpdateView(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        DeviceUpdateState.valueOf(rs.getString(4)), instant(rs, "state_changed_at"), rs.getString(6),
                        instant(rs, "requested_at"), instant(rs, "finished_at"), (Integer) rs.getObject(9),
                        rs.getString(10)),
                args.toArray());
        long n = total == null ? 0 : total;
        return new PageResponse<>(items, page, size, n, (int) ((n + size - 1) / size));
    }

    /** Transitions after {@code afterId} (for the progress stream), oldest first. */
    public List<TransitionView> transitionsSince(long rolloutId, long afterId, int limit) {
        return jdbc.query("""
                SELECT id, at, rollout_id, device_id, attempt, from_state, to_state, cause, event_id
                FROM device_update_transition WHERE rollout_id = ? AND id > ? ORDER BY id LIMIT ?
                """, RolloutQueries::transition, rolloutId, afterId, limit);
    }

    /** One device's transitions in one rollout, oldest first. */
    public List<TransitionView> deviceTransitions(long rolloutId, String deviceId) {
        requireExists(rolloutId);
        return jdbc.query("""
                SELECT id, at, rollout_id, device_id, attempt, from_state, to_state, cause, event_id
                FROM device_update_transition WHERE rollout_id = ? AND device_id = ? ORDER BY id
                """, RolloutQueries::transition, rolloutId, deviceId);
    }

    /** Every transition of one device across rollouts, newest first (the device timeline). */
    public List<TransitionView> deviceTransitions(String deviceId, int limit) {
        return jdbc.query("""
                SELECT id, at, rollout_id, device_id, attempt, from_state, to_state, cause, event_id
                FROM device_update_transition WHERE device_id = ? ORDER BY id DESC LIMIT ?
                """, RolloutQueries::transition, deviceId, limit);
    }

    private static TransitionView transition(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new TransitionView(rs.getLong(1), instant(rs, "at"), rs.getLong(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), rs.getString(8), (Long) rs.getObject(9));
    }

    private void requireExists(long id) {
        if (!rollouts.existsById(id)) {
            throw new NotFoundException("rollout", id);
        }
    }

    /** Finished devices so far set the pace for the rest; before any finished, no estimate. */
    private Instant eta(RolloutStatus status, Instant startedAt, RolloutView.Progress p) {
        if (status.isTerminal() || startedAt == null || p.finished() == 0 || p.total() == 0) {
            return null;
        }
        Instant now = clock.instant();
        long elapsed = Duration.between(startedAt, now).toMillis();
        long remaining = elapsed * (p.total() - p.finished()) / p.finished();
        return now.plusMillis(remaining);
    }

}
