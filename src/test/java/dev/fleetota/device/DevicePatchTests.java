package dev.fleetota.device;

import java.util.List;

import dev.fleetota.IntegrationTest;
import dev.fleetota.TestDevices;
import dev.fleetota.TestTokens;
import dev.fleetota.TestTokens.TestToken;
import dev.fleetota.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class DevicePatchTests {

    static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    TestToken operator;

    String deviceId;

    @BeforeEach
    void setUp() {
        operator = TestTokens.create(context, Role.OPERATOR);
        deviceId = TestDevices.device().tags("old").site("Basel").insert(jdbc);
    }

    @Test
    void operatorSetsTagsSiteAndTimeZone() throws Exception {
        patchDevice(operator, "{\"tags\":[\"north\",\"pumps\"],\"site\":\"Zurich\",\"timeZone\":\"Europe/Zurich\"}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.tags", contains("north", "pumps")))
            .andExpect(jsonPath("$.site").value("Zurich"))
            .andExpect(jsonPath("$.timeZone").value("Europe/Zurich"));
    }

    @Test
    void absentFieldsStayAndNullClears() throws Exception {
        patchDevice(operator, "{\"site\":null}")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.site").doesNotExist())
            .andExpect(jsonPath("$.tags", contains("old")));
        patchDevice(operator, "{\"tags\":null}").andExpect(jsonPath("$.tags", empty()));
    }

    @Test
    void plainJsonIsAcceptedToo() throws Exception {
        mvc.perform(patch("/api/v1/devices/{id}", deviceId).header(HttpHeaders.AUTHORIZATION, operator.header())
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"site\":\"Bern\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.site").value("Bern"));
    }

    @Test
    void aPatchIsAuditedWithTheTokenName() throws Exception {
        patchDevice(operator, "{\"site\":\"Geneva\"}").andExpect(status().isOk());

        List<String> entries = jdbc.queryForList("select actor || ' ' || outcome || ' ' || (detail->>'site')"
                + " from audit_entry where action = 'device.update' and resource_id = ?", String.class, deviceId);
        assertThat(entries).containsExactly(operator.name() + " SUCCESS Geneva");
    }

    @Test
    void invalidValuesAreAllListed() throws Exception {
        patchDevice(operator, "{\"tags\":[\"has space\"],\"site\":\"\",\"timeZone\":\"Mars/Olympus\"}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/validation"))
            .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("tags", "site", "timeZone")));
    }

    @Test
    void moreThanTwentyTagsAreRejected() throws Exception {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            tags.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }

        patchDevice(operator, "{\"tags\":[" + tags + "]}").andExpect(status().isBadRequest());
    }

    @Test
    void offsetsAreNotIanaTimeZones() throws Exception {
        patchDevice(operator, "{\"timeZone\":\"+01:00\"}").andExpect(status().isBadRequest());
    }

    @Test
    void unknownPropertyIsRejected() throws Exception {
        patchDevice(operator, "{\"platformId\":6}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/malformed-request"));
    }

    @Test
    void viewerCannotPatchAndTheRefusalIsAudited() throws Exception {
        TestToken viewer = TestTokens.create(context, Role.VIEWER);

        patchDevice(viewer, "{\"site\":\"Nowhere\"}")
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/forbidden"));

        assertThat(jdbc.queryForObject("select site from device where id = ?", String.class, deviceId))
            .isEqualTo("Basel");
        assertThat(jdbc.queryForList("select outcome from audit_entry where actor = ?", String.class, viewer.name()))
            .containsExactly("REJECTED");
    }

    @Test
    void ciCannotPatchDevices() throws Exception {
        patchDevice(TestTokens.create(context, Role.CI), "{\"site\":\"Nowhere\"}").andExpect(status().isForbidden());
    }

    @Test
    void patchingAnUnknownDeviceIsA404() throws Exception {
        mvc.perform(patch("/api/v1/devices/{id}", TestDevices.randomId())
            .header(HttpHeaders.AUTHORIZATION, operator.header())
            .contentType(MERGE_PATCH)
            .content("{\"site\":\"X\"}")).andExpect(status().isNotFound());
    }

    @Test
    void timelineListsTheDevicesEventsNewestFirst() throws Exception {
        insertEvent("spark/status", "online");
        insertEvent("spark/flash/status", "started");
        insertEvent("spark/flash/status", "success");

        mvc.perform(get("/api/v1/devices/{id}/timeline", deviceId).param("size", "2")
            .header(HttpHeaders.AUTHORIZATION, operator.header()))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].data", contains("success", "started")))
            .andExpect(jsonPath("$.totalItems").value(3));
    }

    @Test
    void timelineOfAnUnknownDeviceIsA404() throws Exception {
        mvc.perform(get("/api/v1/devices/{id}/timeline", TestDevices.randomId())
            .header(HttpHeaders.AUTHORIZATION, operator.header())).andExpect(status().isNotFound());
    }

    private ResultActions patchDevice(TestToken token, String body) throws Exception {
        return mvc.perform(patch("/api/v1/devices/{id}", deviceId).header(HttpHeaders.AUTHORIZATION, token.header())
            .contentType(MERGE_PATCH)
            .content(body));
    }

    private void insertEvent(String name, String data) {
        jdbc.update("insert into device_event (dedup_key, device_id, name, data, source) values (?, ?, ?, ?, 'SSE')",
                TestDevices.randomId() + TestDevices.randomId(), deviceId, name, data);
    }

}
