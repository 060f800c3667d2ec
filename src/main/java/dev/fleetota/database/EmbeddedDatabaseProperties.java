package dev.fleetota.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is set.
 *
 * @param dataDir where the cluster lives; survives restarts. Blank = a throw-away temporary folder (tests).
 * @param port fixed port, or 0 for any free port
 * @param database database to use; created when missing
 * @param freshDatabase create a new, uniquely named database for every application context (tests)
 */
@ConfigurationProperties("fleetota.embedded-db")
record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") String dataDir, @DefaultValue("0") int port,
        @DefaultValue("fleetota") String database, @DefaultValue("false") boolean freshDatabase) {

    boolean persistent() {
        return dataDir != null && !dataDir.isBlank();
    }

    Path dataPath() {
        return Path.of(dataDir);
    }

}
