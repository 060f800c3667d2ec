package dev.fleetota.events;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The events module's read-only view of {@code fleetota.particle.*} (it may not depend on the particle module): where
 * the product stream is, whether a token is configured, and the webhook secret. The token itself is added to requests
 * by the shared {@code particleHttpClient}; it is only checked for presence here.
 */
@ConfigurationProperties("fleetota.particle")
record ParticleEndpoint(@DefaultValue("https://api.particle.io") URI baseUrl, String accessToken, String product,
        String webhookSecret) {

    boolean streamConfigured() {
        return StringUtils.hasText(accessToken) && StringUtils.hasText(product);
    }

    boolean webhookConfigured() {
        return StringUtils.hasText(webhookSecret);
    }

    @Override
    public String toString() {
        return "ParticleEndpoint[baseUrl=" + baseUrl + ", product=" + product + ", accessToken="
                + (StringUtils.hasText(accessToken) ? "******" : "(not set)") + ", webhookSecret="
                + (webhookConfigured() ? "******" : "(not set)") + "]";
    }

}
