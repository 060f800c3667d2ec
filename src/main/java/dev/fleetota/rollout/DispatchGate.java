package dev.fleetota.rollout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Component;

/**
 * Makes "no command after a halt" strict across instances. Sending a command holds a shared PostgreSQL advisory
 * lock on its rollout (a session lock on a pooled connection, no transaction open) and re-reads the rollout's status
 * under it; halting, pausing and cancelling take the same lock exclusively inside their transaction. So a command is
 * either sent before the halt is decided, or it sees the halt and is not sent.
 * <p>
 * Two round trips per command: the lock and the status read go together (two statements, one round trip: the read
 * runs after the lock is granted, with a snapshot of its own, so it sees a halt committed while it waited), and so do
 * the release and the caller's statement that records what the send did.
 */
@Component
class DispatchGate {

    private static final Logger log = LoggerFactory.getLogger(DispatchGate.class);

    static final int NAMESPACE = 0x464F_5441; // "FOTA"

    private static final String LOCK_AND_READ = """
            SELECT pg_advisory_lock_shared(?, ?);
            SELECT status FROM rollout WHERE id = ?
            """;

    private static final String UNLOCK = "SELECT pg_advisory_unlock_shared(?, ?)";

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
     * A statement to run once the gate is released, in the same round trip as the release (after it, in one implicit
     * transaction: all of it or none of it).
     *
     * @param sql one SQL statement
     * @param arguments its parameters, bound as {@link JdbcTemplate#update(String, Object...)} binds them
     */
    record Then(String sql, Object... arguments) {
    }

    /** What the send returned, and whether its {@link Then} statement ran (false: the caller must record it). */
    record Sent<T>(T value, boolean recorded) {
    }

    /**
     * Runs {@code send} (Particle calls only: no database work, which could wait on a halting step) if the rollout is
     * RUNNING, holding the shared gate; empty if it did not run. The statement {@code then} makes of its result (null:
     * none) runs right after the release on the same connection; when it fails it is logged and
     * {@link Sent#recorded()} is false.
     */
    <T> Optional<Sent<T>> ifRunning(long rolloutId, Supplier<T> send, Function<T, Then> then) {
        try (Connection con = dataSource.getConnection()) {
            con.setAutoCommit(true);
            T value;
            try {
                if (!lockAndCheck(con, rolloutId)) {
                    unlock(con, rolloutId);
                    return Optional.empty();
                }
                value = send.get();
            }
            catch (RuntimeException | SQLException | Error ex) {
                unlock(con, rolloutId);
                throw ex;
            }
            return Optional.of(new Sent<>(value, unlockThen(con, rolloutId, statementAfter(then, value))));
        }
        catch (SQLException ex) {
            throw new DataAccessResourceFailureException("dispatch gate", ex);
        }
    }

    /**
     * The statement to run with the release; null when making it failed, so the gate is released all the same (a
     * pooled connection must never go back to the pool holding it) and the caller records the outcome apart.
     */
    private static <T> Then statementAfter(Function<T, Then> then, T value) {
        try {
            return then.apply(value);
        }
        catch (RuntimeException ex) {
            log.warn("Making the statement to record after the dispatch gate failed; recording it apart", ex);
            return null;
        }
    }

    /** Takes the shared gate and reads the status under it: true when RUNNING. */
    private static boolean lockAndCheck(Connection con, long rolloutId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(LOCK_AND_READ)) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, (int) rolloutId);
            ps.setLong(3, rolloutId);
            ps.execute(); // the lock's result
            if (!ps.getMoreResults()) {
                throw new SQLException("no status read after the gate's lock");
            }
            try (ResultSet rs = ps.getResultSet()) {
                return rs.next() && "RUNNING".equals(rs.getString(1));
            }
        }
    }

    private static void unlock(Connection con, long rolloutId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(UNLOCK)) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, (int) rolloutId);
            ps.execute();
        }
    }

    /**
     * Releases the gate and runs {@code then} in one round trip. The release is not transactional: it holds even when
     * {@code then} fails (and rolls back alone). Returns whether {@code then} ran.
     */
    private static boolean unlockThen(Connection con, long rolloutId, Then then) throws SQLException {
        if (then == null) {
            unlock(con, rolloutId);
            return false;
        }
        try (PreparedStatement ps = con.prepareStatement(UNLOCK + ";\n" + then.sql())) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, (int) rolloutId);
            for (int i = 0; i < then.arguments().length; i++) {
                StatementCreatorUtils.setParameterValue(ps, i + 3, SqlTypeValue.TYPE_UNKNOWN, then.arguments()[i]);
            }
            ps.execute();
            return true;
        }
        catch (SQLException ex) {
            log.warn("Recording after the dispatch gate failed; recording it apart", ex);
        }
        try {
            unlock(con, rolloutId); // a no-op (with a server warning) when the release above went through
        }
        catch (SQLException ex) {
            log.error("Releasing the dispatch gate of rollout {} failed", rolloutId, ex);
        }
        return false;
    }

}
