package dev.fleetota.events;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WebhookNotConfiguredTests {

    private final EventReceiver receiver = mock(EventReceiver.class);

    private final MockMvc mvc = MockMvcBuilders
        .standaloneSetup(new ParticleWebhookController(
                new ParticleEndpoint(URI.create("https://api.particle.io"), "", "", ""), receiver))
        .build();

    @Test
    void withoutAConfiguredSecretEveryDeliveryIsRefusedWith503() throws Exception {
        mvc.perform(post("/api/v1/particle/webhook").header(ParticleWebhookController.SECRET_HEADER, "")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"event\":\"spark/status\"}"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(jsonPath("$.type").value("https://fleet-ota.dev/problems/webhook-not-configured"));

        verifyNoInteractions(receiver);
    }

}
