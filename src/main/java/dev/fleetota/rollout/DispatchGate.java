package dev.fleetota.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes "no command after a halt" strict across instances. Sending a command holds a shared PostgreSQL advisory
 * lock on its rollout (a session lock on a pooled connection, no transaction open) and re-reads the rollout's status
 * under it; halting, pausing and cancelling take the same lock exclusively inside their transaction. So a command is
 * either sent before the halt is decided, or it sees the halt and is not sent.
 */
@Component
class DispatchGate {

    private static final int NAMESPACE = 0x464F_5441; // "FOTA"

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    DispatchGate(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Inside a transaction that stops sending: waits for commands being sent now; held until commit. */
    void close(long rolloutId) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, ?)", rs -> {
        }, NAMESPACE, (int) rolloutId);
    }

    /**
     * Runs {@code send} (Particle calls only: no database work, which could wait on a halting step) if the rollout
     * is RUNNING, holding the shared gate; empty if it did not run.
     */
    <T> java.util.Optional<T> ifRunning(long rolloutId, Supplier<T> send) {
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(true);
            lock(con, "SELECT pg_advisory_lock_shared(?, ?)", rolloutId);
            try {
                return running(con, rolloutId) ? java.util.Optional.of(send.get()) : java.util.Optional.empty();
            }
            finally {
                lock(con, "SELECT pg_advisory_unlock_shared(?, ?)", rolloutId);
            }
        }
        catch (SQLException ex) {
            throw new DataAccessResourceFailureException("dispatch gate", ex);
        }
    }

    private static void lock(Connection con, String sql, long rolloutId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, (int) rolloutId);
            ps.execute();
        }
    }

    private static boolean running(Connection con, long rolloutId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT status FROM rollout WHERE id = ?")) {
            ps.setLong(1, rolloutId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "RUNNING".equals(rs.getString(1));
            }
        }
    }

}
