package dev.fleetota.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One-at-a-time work across instances: a PostgreSQL session-level advisory lock held on its own pooled connection
 * (autocommit, no transaction open) while the work runs, so the work may call the cloud. PostgreSQL releases the
 * lock when the holder's connection dies, so a {@code kill -9} mid-work never blocks the other instances.
 */
public final class SessionLock {

    private SessionLock() {
    }

    /** Runs {@code work} holding lock ({@code namespace}, {@code key}) if no one holds it; empty if someone does. */
    public static <T> Optional<T> ifFree(DataSource dataSource, int namespace, int key, Supplier<T> work) {
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(true);
            if (!call(con, "SELECT pg_try_advisory_lock(?, ?)", namespace, key)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            }
            finally {
                call(con, "SELECT pg_advisory_unlock(?, ?)", namespace, key);
            }
        }
        catch (SQLException ex) {
            throw new DataAccessResourceFailureException("advisory lock " + namespace + "/" + key, ex);
        }
    }

    /** Runs {@code work} holding lock ({@code namespace}, {@code key}) if no one holds it; false if someone does. */
    public static boolean ifFree(DataSource dataSource, int namespace, int key, Runnable work) {
        return ifFree(dataSource, namespace, key, () -> {
            work.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    private static boolean call(Connection con, String sql, int namespace, int key) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setInt(1, namespace);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

}
