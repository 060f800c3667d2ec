package dev.fleetota;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApplicationStartupTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migrationsRunAgainstARealPostgres() {
        Integer applied = jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class);
        String version = jdbc.queryForObject("show server_version", String.class);

        assertThat(applied).isGreaterThanOrEqualTo(2);
        assertThat(version).isNotBlank();
    }

    @Test
    void testsNeverUseThePersistentDataFolderOfTheDefaultRun() {
        String dataDirectory = jdbc.queryForObject("show data_directory", String.class);

        assertThat(dataDirectory).doesNotContain("data/postgres");
    }

}
