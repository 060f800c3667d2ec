package dev.fleetota.device;

import java.util.UUID;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
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

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class DeviceApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    String viewer;

    String site;

    @BeforeEach
    void setUp() {
        viewer = TestTokens.bearer(context, Role.VIEWER);
        site = "site-" + UUID.randomUUID();
    }

    @Test
    void listShowsDevicesSortedByIdWithPlatformNames() throws Exception {
        String b = TestDevices.device().id("b" + TestDevices.randomId().substring(1)).platform(13).site(site)
            .insert(jdbc);
        String a = TestDevices.device().id("a" + TestDevices.randomId().substring(1)).platform(32).site(site)
            .insert(jdbc);

        mvc.perform(list().param("site", site))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].id", contains(a, b)))
            .andExpect(jsonPath("$.items[0].platformName").value("P2/Photon 2"))
            .andExpect(jsonPath("$.items[0].platformGeneration").value(4))
            .andExpect(jsonPath("$.items[1].platformName").value("Boron"))
            .andExpect(jsonPath("$.totalItems").value(2));
    }

    @Test
    void deviceOsRangeIsComparedSemantically() throws Exception {
        TestDevices.device().deviceOs("5.9.0").site(site).insert(jdbc);
        String newer = TestDevices.device().deviceOs("5.10.0").site(site).insert(jdbc);
        TestDevices.device().deviceOs("6.0.0-rc.1").site(site).insert(jdbc);

        mvc.perform(list().param("site", site).param("deviceOsMin", "5.10.0").param("deviceOsMax", "5.99.0"))
            .andExpect(jsonPath("$.items[*].id", contains(newer)));
    }

    @Test
    void preReleasesSortBelowTheirRelease() throws Exception {
        TestDevices.device().deviceOs("6.0.0-rc.1").site(site).insert(jdbc);
        String release = TestDevices.device().deviceOs("6.0.0").site(site).insert(jdbc);

        mvc.perform(list().param("site", site).param("deviceOsMin", "6.0.0"))
            .andExpect(jsonPath("$.items[*].id", contains(release)));
    }

    @Test
    void filtersCombine() throws Exception {
        String match = TestDevices.device().platform(10).simKind("THIRD_PARTY").online(true).tags("north", "pumps")
            .deviceOs("2.3.1").site(site).insert(jdbc);
        TestDevices.device().platform(10).simKind("PARTICLE").online(true).tags("north").site(site).insert(jdbc);
        TestDevices.device().platform(13).simKind("THIRD_PARTY").online(true).tags("north").site(site).insert(jdbc);
        TestDevices.device().platform(10).simKind("THIRD_PARTY").online(false).tags("north").site(site).insert(jdbc);
        TestDevices.device().platform(10).simKind("THIRD_PARTY").online(true).tags("south").site(site).insert(jdbc);

        mvc.perform(list().param("site", site).param("platform", "10").param("simKind", "THIRD_PARTY")
            .param("online", "true").param("tag", "north").param("deviceOs", "2.3.1"))
            .andExpect(jsonPath("$.items[*].id", contains(match)));
    }

    @Test
    void qMatchesAPrefixOfIdNameOrSerial() throws Exception {
        String prefix = "q" + UUID.randomUUID().toString().substring(0, 8);
        String byName = TestDevices.device().name(prefix.toUpperCase() + "-pump").insert(jdbc);
        String bySerial = TestDevices.device().serial(prefix + "SN1").insert(jdbc);
        TestDevices.device().name("x-" + prefix).insert(jdbc);

        mvc.perform(list().param("q", prefix))
            .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(byName, bySerial)));
    }

    @Test
    void qTreatsLikeWildcardsLiterally() throws Exception {
        TestDevices.device().name("percent-device").site(site).insert(jdbc);

        mvc.perform(list().param("site", site).param("q", "%")).andExpect(jsonPath("$.totalItems").value(0));
    }

    @Test
    void removedDevicesAreHiddenUnlessAskedFor() throws Exception {
        String present = TestDevices.device().site(site).insert(jdbc);
        String removed = TestDevices.device().site(site).removed().insert(jdbc);

        mvc.perform(list().param("site", site)).andExpect(jsonPath("$.items[*].id", contains(present)));
        mvc.perform(list().param("site", site).param("includeRemoved", "true"))
            .andExpect(jsonPath("$.items[*].id", containsInAnyOrder(present, removed)));
    }

    @Test
    void pagesAreStable() throws Exception {
        for (int i = 0; i < 5; i++) {
            TestDevices.device().site(site).insert(jdbc);
        }

        mvc.perform(list().param("site", site).param("page", "2").param("size", "2"))
            .andExpect(jsonPath("$.items.length()").value(1))
            .andExpect(jsonPath("$.page").value(2))
            .andExpect(jsonPath("$.totalPages").value(3))
            .andExpect(jsonPath("$.totalItems").value(5));
    }

    @Test
    void invalidFiltersAreListedInOneProblem() throws Exception {
        mvc.perform(list().param("size", "501").param("deviceOsMin", "five").param("simKind", "SOMETIMES"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/validation"))
            .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("size", "deviceOsMin", "simKind")));
    }

    @Test
    void filterValuesOfTheWrongTypeAreListedWithoutJavaTypeNames() throws Exception {
        mvc.perform(list().param("platform", "abc").param("online", "maybe"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("platform", "online")))
            .andExpect(jsonPath("$.errors[0].message").value("has the wrong type or format"));
    }

    @Test
    void detailAcceptsAnUppercaseId() throws Exception {
        String id = TestDevices.device().name("upper").insert(jdbc);

        mvc.perform(get("/api/v1/devices/{id}", id.toUpperCase()).header(HttpHeaders.AUTHORIZATION, viewer))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.id").value(id))
            .andExpect(jsonPath("$.name").value("upper"))
            .andExpect(jsonPath("$.simKind").value("NONE"))
            .andExpect(jsonPath("$.tags").isArray());
    }

    @Test
    void malformedDeviceIdIsA400() throws Exception {
        mvc.perform(get("/api/v1/devices/{id}", "not-a-device").header(HttpHeaders.AUTHORIZATION, viewer))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/validation"))
            .andExpect(jsonPath("$.errors[0].field").value("id"));
    }

    @Test
    void unknownDeviceIsA404() throws Exception {
        mvc.perform(get("/api/v1/devices/{id}", TestDevices.randomId()).header(HttpHeaders.AUTHORIZATION, viewer))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/not-found"));
    }

    @Test
    void listingNeedsAToken() throws Exception {
        mvc.perform(get("/api/v1/devices")).andExpect(status().isUnauthorized());
    }

    private MockHttpServletRequestBuilder list() {
        return get("/api/v1/devices").header(HttpHeaders.AUTHORIZATION, viewer);
    }

}
