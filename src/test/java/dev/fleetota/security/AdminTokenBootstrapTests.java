package dev.fleetota.security;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.fleetota.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two instances starting at once on an empty database (bench/chaos "two"): the one that loses the race for the
 * first admin token must start normally. It used to fail its start with a 409 "token name taken" when the other
 * instance's token was committed between its "no token yet" check and its insert.
 */
@IntegrationTest
@TestPropertySource(properties = "fleetota.security.admin-token=" + AdminTokenBootstrapTests.SECRET)
class AdminTokenBootstrapTests {

    static final String SECRET = "bootstrap-race-admin-secret-0123456789";

    static final String OTHER_INSTANCE_SECRET = "other-instance-admin-secret-0123456789";

    @Autowired
    AdminTokenBootstrap bootstrap;

    @Autowired
    TokenAdministration tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void firstStart() {
        jdbc.update("DELETE FROM api_token");
    }

    @Test
    void anInstanceThatFindsTheFirstTokenCreatedSinceItsCheckCreatesNothingAndDoesNotFail() {
        tokens.issue("admin", Role.ADMIN, OTHER_INSTANCE_SECRET);

        assertThat(tokens.issueFirstAdmin("admin", SECRET)).isEmpty();

        assertThat(adminHashes()).containsExactly(TokenSecrets.hash(OTHER_INSTANCE_SECRET));
        assertThat(rejectedTokenCreations()).isZero();
    }

    @Test
    void aStartWhileAnotherInstanceCreatesTheFirstTokenWaitsForItsCommitAndCreatesNone() throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("LOCK TABLE api_token IN SHARE ROW EXCLUSIVE MODE");
                st.execute("INSERT INTO api_token (name, role, token_hash) VALUES ('admin', 'ADMIN', '"
                        + TokenSecrets.hash(OTHER_INSTANCE_SECRET) + "')");
            }
            CompletableFuture<Void> start = CompletableFuture.runAsync(() -> bootstrap.run(null));
            awaitTheStartWaitingForTheTokenTableLock();
            other.commit();
            start.get(60, TimeUnit.SECONDS);
        }

        assertThat(adminHashes()).containsExactly(TokenSecrets.hash(OTHER_INSTANCE_SECRET));
        assertThat(rejectedTokenCreations()).isZero();
    }

    /**
     * The starting instance must queue on the table lock before it reads (its count would miss the other's
     * uncommitted token), not at its own insert.
     */
    private void awaitTheStartWaitingForTheTokenTableLock() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Integer waiting = jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE 'LOCK TABLE api_token%'", Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the starting instance never waited for the token table lock");
    }

    private List<String> adminHashes() {
        return jdbc.queryForList("SELECT token_hash FROM api_token WHERE role = 'ADMIN'", String.class);
    }

    private Integer rejectedTokenCreations() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_entry WHERE action = 'token.create'"
                + " AND outcome = 'REJECTED'", Integer.class);
    }

}
