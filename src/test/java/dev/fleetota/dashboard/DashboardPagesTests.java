package dev.fleetota.dashboard;

import java.util.UUID;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import dev.fleetota.rollout.RolloutQueries;
import dev.fleetota.rollout.RolloutStatus;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pages as HTML (MockMvc): what each role sees, the actions, refused actions and the fragments htmx reads. */
@IntegrationTest
class DashboardPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RolloutQueries rollouts;

    private long draft(String prefix) throws Exception {
        return DashboardSession.draftRollout(mvc, context, jdbc, prefix + "-" + UUID.randomUUID().toString()
            .substring(0, 8), 3);
    }

    @Test
    void fleetOverviewCountsDevicesByDeviceOs() throws Exception {
        TestDevices.device().platform(13).deviceOs("7.7.1").online(true).insert(jdbc);
        TestDevices.device().platform(12).deviceOs("7.7.1").insert(jdbc);
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui").session(viewer))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("data-key=\"7.7.1\" data-count=\"2\"")))
            .andExpect(content().string(containsString("id=\"chart-platform\"")))
            .andExpect(content().string(containsString("id=\"chart-sim\"")))
            .andExpect(content().string(containsString("id=\"chart-online\"")));
    }

    @Test
    void operatorSeesStartAndCancelOnADraftRollout() throws Exception {
        long id = draft("buttons");
        MockHttpSession operator = DashboardSession.signIn(mvc, context, Role.OPERATOR);

        mvc.perform(get("/ui/rollouts/" + id).session(operator))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("data-action=\"start\""),
                    containsString("data-action=\"cancel\""), containsString("data-confirm=\"Start rollout"),
                    containsString("id=\"plan\""))));
    }

    @Test
    void viewerSeesNoActionButtons() throws Exception {
        long id = draft("viewer");
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/rollouts/" + id).session(viewer))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("id=\"rollout-name\""),
                    not(containsString("data-action=")), not(containsString("id=\"actions\"")))));
    }

    @Test
    void operatorStartsARolloutFromItsPage() throws Exception {
        long id = draft("start");
        MockHttpSession operator = DashboardSession.signIn(mvc, context, Role.OPERATOR);

        mvc.perform(post("/ui/rollouts/" + id + "/start").session(operator).with(csrf()))
            .andExpect(redirectedUrl("/ui/rollouts/" + id))
            .andExpect(flash().attribute("notice", containsString("is now RUNNING")));

        assertThat(rollouts.get(id).status()).isEqualTo(RolloutStatus.RUNNING);
    }

    @Test
    void anActionTheStateDoesNotAllowComesBackAsAMessage() throws Exception {
        long id = draft("refused");
        MockHttpSession operator = DashboardSession.signIn(mvc, context, Role.OPERATOR);

        mvc.perform(post("/ui/rollouts/" + id + "/approve").session(operator).with(csrf()))
            .andExpect(redirectedUrl("/ui/rollouts/" + id))
            .andExpect(flash().attribute("problem", containsString("is DRAFT")));

        assertThat(rollouts.get(id).status()).isEqualTo(RolloutStatus.DRAFT);
    }

    @Test
    void viewerCannotActEvenWithAValidCsrfToken() throws Exception {
        long id = draft("forged");
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(post("/ui/rollouts/" + id + "/start").session(viewer).with(csrf()))
            .andExpect(status().isForbidden());

        assertThat(rollouts.get(id).status()).isEqualTo(RolloutStatus.DRAFT);
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where action = 'access.denied'"
                + " and resource_id = ? and outcome = 'REJECTED'", Integer.class, "/ui/rollouts/" + id + "/start"))
            .isEqualTo(1);
    }

    @Test
    void operatorActionWithoutACsrfTokenIsRefused() throws Exception {
        long id = draft("no-csrf");
        MockHttpSession operator = DashboardSession.signIn(mvc, context, Role.OPERATOR);

        mvc.perform(post("/ui/rollouts/" + id + "/start").session(operator)).andExpect(status().isForbidden());

        assertThat(rollouts.get(id).status()).isEqualTo(RolloutStatus.DRAFT);
    }

    @Test
    void skippingADeviceShowsOnItsTimeline() throws Exception {
        long id = draft("skip");
        MockHttpSession operator = DashboardSession.signIn(mvc, context, Role.OPERATOR);
        mvc.perform(post("/ui/rollouts/" + id + "/start").session(operator).with(csrf()));
        String device = rollouts.devices(id, null, 2, 0, 1).items().get(0).deviceId();

        mvc.perform(post("/ui/rollouts/" + id + "/devices/" + device + "/skip").session(operator).with(csrf()))
            .andExpect(flash().attribute("notice", containsString("Skipped device " + device)));

        mvc.perform(get("/ui/devices/" + device).session(operator))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("PENDING → SKIPPED"),
                    containsString("skipped by operator"), containsString("/ui/rollouts/" + id))));
    }

    @Test
    void devicePageShowsTheStoredParticleEvents() throws Exception {
        String device = TestDevices.device().name("pump-7").deviceOs("5.9.0").insert(jdbc);
        jdbc.update("insert into device_event (dedup_key, device_id, name, data, published_at, source)"
                + " values (?, ?, 'spark/status', 'online', now(), 'SSE')", UUID.randomUUID().toString(), device);
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/devices/" + device).session(viewer))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("pump-7"), containsString("spark/status"))));
    }

    @Test
    void unknownRolloutShowsANotFoundPage() throws Exception {
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/rollouts/987654321").session(viewer))
            .andExpect(status().isNotFound())
            .andExpect(content().string(containsString("rollout 987654321 does not exist")));
    }

    @Test
    void malformedDeviceIdShowsABadRequestPage() throws Exception {
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/devices/not-a-device").session(viewer)).andExpect(status().isBadRequest());
    }

    @Test
    void rolloutListShowsEachRolloutWithItsState() throws Exception {
        long id = draft("listed");
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/rollouts").param("status", "DRAFT").session(viewer))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("data-rollout-id=\"" + id + "\"")));
        mvc.perform(get("/ui/rollouts").param("status", "COMPLETED").session(viewer))
            .andExpect(content().string(not(containsString("data-rollout-id=\"" + id + "\""))));
    }

    @Test
    void htmxReadsTheLivePartAndTheDeviceTableAsFragments() throws Exception {
        long id = draft("fragments");
        MockHttpSession viewer = DashboardSession.signIn(mvc, context, Role.VIEWER);

        mvc.perform(get("/ui/rollouts/" + id + "/live").session(viewer).header("HX-Request", "true"))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("id=\"live\""), not(containsString("<html")))));
        mvc.perform(get("/ui/rollouts/" + id + "/devices").param("state", "PENDING").session(viewer))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("id=\"devices\""), not(containsString("<html")))));
    }

}
