package dev.fleetota.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured, so the service runs on a
 * machine with only a JDK. With a URL set, Boot's own DataSource is used and nothing here is created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "spring.datasource", name = "url", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabaseProperties props) {
        EmbeddedPostgres pg = EmbeddedPostgresServer.start(props);
        String database = EmbeddedPostgresServer.ensureDatabase(pg, props);
        HikariDataSource ds = new HikariDataSource();
        ds.setDriverClassName("org.postgresql.Driver");
        ds.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/" + database);
        ds.setUsername("postgres");
        ds.setPassword("");
        log.info("Using embedded PostgreSQL on port {} (database {}, data {})", pg.getPort(), database,
                props.persistent() ? props.dataPath().toAbsolutePath() : "temporary");
        return ds;
    }

}
