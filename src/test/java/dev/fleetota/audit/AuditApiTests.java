package dev.fleetota.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestTokens;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AuditApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditService audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    String resource;

    @BeforeEach
    void setUp() {
        resource = UUID.randomUUID().toString();
    }

    @Test
    void entriesAreListedNewestFirstWithTheirDetail() throws Exception {
        audit.record("thing.create", "thing", resource, AuditOutcome.SUCCESS, Map.of("size", 3));
        audit.record("thing.update", "thing", resource, AuditOutcome.SUCCESS, Map.of("at", Instant.EPOCH));

        mvc.perform(read().param("resourceType", "thing").param("resourceId", resource))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].action", contains("thing.update", "thing.create")))
            .andExpect(jsonPath("$.items[0].actor").value("system"))
            .andExpect(jsonPath("$.items[0].detail.at").value("1970-01-01T00:00:00Z"))
            .andExpect(jsonPath("$.items[1].detail.size").value(3));
    }

    @Test
    void filtersByActorActionAndTime() throws Exception {
        audit.record("thing.create", "thing", resource, AuditOutcome.SUCCESS, null);
        audit.record("thing.delete", "thing", resource, AuditOutcome.SUCCESS, null);

        mvc.perform(read().param("resourceId", resource).param("actor", "system").param("action", "thing.delete")
            .param("from", "2000-01-01T00:00:00Z")
            .param("to", "2999-01-01T00:00:00Z"))
            .andExpect(jsonPath("$.items[*].action", contains("thing.delete")));
        mvc.perform(read().param("resourceId", resource).param("to", "2000-01-01T00:00:00Z"))
            .andExpect(jsonPath("$.totalItems").value(0));
    }

    @Test
    void filtersByOutcome() throws Exception {
        audit.record("thing.create", "thing", resource, AuditOutcome.SUCCESS, null);
        audit.recordRejected("thing.create", "thing", resource, null);

        mvc.perform(read().param("resourceId", resource).param("outcome", "REJECTED"))
            .andExpect(jsonPath("$.items[*].outcome", contains("REJECTED")));
    }

    @Test
    void anEntryRecordedInARolledBackTransactionDisappears() {
        transactions.executeWithoutResult(status -> {
            audit.record("thing.create", "thing", resource, AuditOutcome.SUCCESS, null);
            status.setRollbackOnly();
        });

        assertThat(count()).isZero();
    }

    @Test
    void aRejectionSurvivesTheRollbackOfTheCallersTransaction() {
        transactions.executeWithoutResult(status -> {
            audit.recordRejected("thing.create", "thing", resource, Map.of("reason", "test"));
            status.setRollbackOnly();
        });

        assertThat(count()).isOne();
    }

    @Test
    void aBadInstantIsAValidationProblem() throws Exception {
        mvc.perform(read().param("from", "yesterday"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void readingTheAuditNeedsAToken() throws Exception {
        mvc.perform(get("/api/v1/audit")).andExpect(status().isUnauthorized());
    }

    private int count() {
        Integer count = jdbc.queryForObject("select count(*) from audit_entry where resource_id = ?", Integer.class,
                resource);
        return count == null ? 0 : count;
    }

    private MockHttpServletRequestBuilder read() {
        return get("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(context, Role.VIEWER));
    }

}
