package dev.fleetota.cohort;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code cohort_group_mirror} rows: configuration, the sync claim and the last sync's outcome. */
@Component
class GroupMirrorStore {

    private static final String COLUMNS = "cohort_id, group_name, created_by, created_at, updated_at, last_sync_at,"
            + " last_sync_outcome, last_added, last_removed, last_member_count, last_missing, last_error";

    private final JdbcTemplate jdbc;

    GroupMirrorStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<GroupMirrorView> find(long cohortId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM cohort_group_mirror WHERE cohort_id = ?",
                GroupMirrorStore::view, cohortId).stream().findFirst();
    }

    Optional<Long> cohortMirroring(String groupName) {
        return jdbc.queryForList("SELECT cohort_id FROM cohort_group_mirror WHERE group_name = ?", Long.class,
                groupName).stream().findFirst();
    }

    List<GroupMirrorView> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM cohort_group_mirror ORDER BY cohort_id", GroupMirrorStore::view);
    }

    void upsert(long cohortId, String groupName, String actor, Instant now) {
        jdbc.update("""
                INSERT INTO cohort_group_mirror (cohort_id, group_name, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (cohort_id) DO UPDATE SET group_name = excluded.group_name, updated_at = excluded.updated_at
                """, cohortId, groupName, actor, Timestamp.from(now), Timestamp.from(now));
    }

    boolean delete(long cohortId) {
        return jdbc.update("DELETE FROM cohort_group_mirror WHERE cohort_id = ?", cohortId) > 0;
    }

    /** Takes the mirror's sync for this instance until {@code until}; false when another holds it (or it is gone). */
    boolean claim(long cohortId, Instant now, Instant until) {
        return jdbc.update("""
                UPDATE cohort_group_mirror SET claimed_until = ?
                WHERE cohort_id = ? AND (claimed_until IS NULL OR claimed_until < ?)
                """, Timestamp.from(until), cohortId, Timestamp.from(now)) == 1;
    }

    void succeeded(GroupSyncReport report) {
        jdbc.update("""
                UPDATE cohort_group_mirror SET claimed_until = NULL, last_sync_at = ?, last_sync_outcome = 'SUCCESS',
                       last_added = ?, last_removed = ?, last_member_count = ?, last_missing = ?, last_error = NULL
                WHERE cohort_id = ?
                """, Timestamp.from(report.at()), report.added(), report.removed(), report.members(),
                report.missing(), report.cohortId());
    }

    void failed(long cohortId, String error, Instant now) {
        String message = error == null ? "unknown error" : error;
        jdbc.update("""
                UPDATE cohort_group_mirror SET claimed_until = NULL, last_sync_at = ?, last_sync_outcome = 'FAILED',
                       last_error = ?
                WHERE cohort_id = ?
                """, Timestamp.from(now), message.length() <= 500 ? message : message.substring(0, 500), cohortId);
    }

    private static GroupMirrorView view(ResultSet rs, int row) throws SQLException {
        return new GroupMirrorView(rs.getLong("cohort_id"), rs.getString("group_name"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_sync_at"),
                rs.getString("last_sync_outcome"), (Integer) rs.getObject("last_added"),
                (Integer) rs.getObject("last_removed"), (Integer) rs.getObject("last_member_count"),
                (Integer) rs.getObject("last_missing"), rs.getString("last_error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

}
