package dev.fleetota.events;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fleetota.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The webhook authenticates deliveries itself (Spring Security lets the path through anonymously; here a mock user
 * and CSRF token stand in for that so the controller's own check is what is tested).
 */
@IntegrationTest
@TestPropertySource(properties = "fleetota.particle.webhook-secret=" + ParticleWebhookControllerTests.SECRET)
class ParticleWebhookControllerTests {

    static final String SECRET = "s3cret-webhook-value";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    private static String uniqueTime() {
        return String.format("2025-03-01T10:00:%02d.000Z", SEQUENCE.incrementAndGet());
    }

    private static MockHttpServletRequestBuilder delivery() {
        return post("/api/v1/particle/webhook").with(user("particle-cloud")).with(csrf());
    }

    @Test
    void aDeliveryWithoutTheSecretIsRefusedWith401() throws Exception {
        mvc.perform(delivery().contentType(MediaType.APPLICATION_FORM_URLENCODED).param("event", "spark/status"))
            .andExpect(status().isUnauthorized())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/unauthorized"));
    }

    @Test
    void aDeliveryWithAWrongSecretIsRefusedWith401AndNothingIsStored() throws Exception {
        String at = uniqueTime();

        mvc.perform(delivery().header(ParticleWebhookController.SECRET_HEADER, SECRET + "x")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .param("event", "spark/status")
            .param("data", "online")
            .param("published_at", at)
            .param("coreid", "e00fce68aabbccddeeff0077"))
            .andExpect(status().isUnauthorized())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/unauthorized"));

        assertThat(stored(at)).isZero();
    }

    @Test
    void particlesDefaultFormDeliveryIsStored() throws Exception {
        String at = uniqueTime();

        mvc.perform(delivery().header(ParticleWebhookController.SECRET_HEADER, SECRET)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .param("event", "spark/flash/status")
            .param("data", "success ")
            .param("published_at", at)
            .param("coreid", "e00fce68aabbccddeeff0077"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.stored").value(true))
            .andExpect(jsonPath("$.duplicate").value(false));

        assertThat(stored(at)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT source FROM device_event WHERE published_at = ?::timestamptz",
                String.class, at)).isEqualTo("WEBHOOK");
    }

    @Test
    void aJsonDeliveryWithUnknownFieldsIsStoredAndItsRepeatIsADuplicate() throws Exception {
        String at = uniqueTime();
        String body = "{\"event\":\"spark/status\",\"data\":\"online\",\"published_at\":\"" + at + "\","
                + "\"coreid\":\"e00fce68aabbccddeeff0077\",\"fw_version\":\"5\",\"userid\":\"u\",\"extra\":[1,2]}";

        mvc.perform(delivery().header(ParticleWebhookController.SECRET_HEADER, SECRET)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)).andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(true));
        mvc.perform(delivery().header(ParticleWebhookController.SECRET_HEADER, SECRET)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.stored").value(false))
            .andExpect(jsonPath("$.duplicate").value(true));

        assertThat(jdbc.queryForObject("SELECT product_version FROM device_event WHERE published_at = ?::timestamptz",
                Integer.class, at)).isEqualTo(5);
    }

    @Test
    void aMalformedJsonDeliveryIsAcceptedAndKeptAsRejected() throws Exception {
        mvc.perform(delivery().header(ParticleWebhookController.SECRET_HEADER, SECRET)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"event\":"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.stored").value(true))
            .andExpect(jsonPath("$.rejectedReason").value("webhook body is not a JSON object"));
    }

    @Test
    void secretsAreComparedByValue() {
        assertThat(ParticleWebhookController.sameSecret(SECRET, new String(SECRET.toCharArray()))).isTrue();
        assertThat(ParticleWebhookController.sameSecret(SECRET, SECRET.substring(1))).isFalse();
    }

    private int stored(String publishedAt) {
        return jdbc.queryForObject("SELECT count(*) FROM device_event WHERE published_at = ?::timestamptz",
                Integer.class, publishedAt);
    }

}
