package dev.fleetota.dashboard;

import java.time.Duration;
import java.util.UUID;

import dev.fleetota.IntegrationTest;
import dev.fleetota.rollout.RolloutControl;
import dev.fleetota.rollout.RolloutQueries;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The rollout page's live stream: an event when the page is behind, and one whenever the rollout changes. */
@IntegrationTest
class RolloutLiveStreamTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RolloutQueries queries;

    @Autowired
    RolloutControl control;

    private long draft() throws Exception {
        return DashboardSession.draftRollout(mvc, context, jdbc, "live-" + UUID.randomUUID().toString()
            .substring(0, 8), 2);
    }

    private MvcResult open(long id, String since, MockHttpSession session) throws Exception {
        return mvc.perform(get("/ui/rollouts/" + id + "/events").param("since", since).session(session))
            .andExpect(request().asyncStarted())
            .andReturn();
    }

    @Test
    void aPageRenderedBeforeTheLastChangeGetsAnEventAtOnce() throws Exception {
        long id = draft();
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        MvcResult stream = open(id, "stale", viewer);

        assertThat(stream.getResponse().getContentAsString()).startsWith("event:rollout\n").contains("\"DRAFT\"");
    }

    @Test
    void anUpToDatePageGetsAnEventWhenTheRolloutChanges() throws Exception {
        long id = draft();
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);
        MvcResult stream = open(id, RolloutLiveStream.keyOf(queries.get(id)), viewer);
        assertThat(stream.getResponse().getContentAsString()).doesNotContain("event:rollout");

        control.start(id);

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(stream.getResponse().getContentAsString()).contains("event:rollout")
                .contains("\"RUNNING\""));
    }

    @Test
    void streamsWorkAgainAfterTheContextWasStoppedAndStarted() throws Exception {
        RolloutLiveStream live = context.getBean(RolloutLiveStream.class);
        live.stop();
        live.start();
        long id = draft();
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);
        MvcResult stream = open(id, RolloutLiveStream.keyOf(queries.get(id)), viewer);

        control.cancel(id);

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(stream.getResponse().getContentAsString()).contains("\"CANCELLED\""));
    }

    @Test
    void theStreamOfAnUnknownRolloutIsNotFound() throws Exception {
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/rollouts/987654321/events").session(viewer)).andExpect(status().isNotFound());
    }

}
