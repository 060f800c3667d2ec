package dev.fleetota.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server per data folder and JVM. Several application contexts (as in a test run) share
 * the server and, when asked, each get a database of their own.
 */
final class EmbeddedPostgresServer {

    private static final Map<String, EmbeddedPostgres> SERVERS = new HashMap<>();

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    static synchronized EmbeddedPostgres start(EmbeddedDatabaseProperties props) {
        String key = props.persistent() ? props.dataPath().toAbsolutePath().toString() : "temporary";
        return SERVERS.computeIfAbsent(key, k -> launch(props));
    }

    private static EmbeddedPostgres launch(EmbeddedDatabaseProperties props) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", props.persistent() ? "on" : "off")
                .setServerConfig("synchronous_commit", props.persistent() ? "on" : "off");
            if (props.persistent()) {
                Path dir = props.dataPath().toAbsolutePath();
                Files.createDirectories(dir);
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            if (props.port() > 0) {
                builder.setPort(props.port());
            }
            EmbeddedPostgres pg = builder.start();
            if (!props.persistent()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg)));
            }
            return pg;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", ex);
        }
    }

    /** Creates the database when missing and returns its name. */
    static String ensureDatabase(EmbeddedPostgres pg, EmbeddedDatabaseProperties props) {
        String name = props.freshDatabase() ? props.database() + "_" + ProcessHandle.current().pid() + "_"
                + DATABASES.incrementAndGet() : props.database();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            if (!exists(c, name)) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + name + "\"");
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("could not create database " + name, ex);
        }
        return name;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        }
        catch (IOException ex) {
            // shutting down anyway
        }
    }

}
