package dev.fleetota.particle;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the Particle Cloud. The token and the webhook secret are secrets: {@link #toString()} masks them and
 * nothing else in the application prints them.
 *
 * @param baseUrl Particle API base URL (env {@code PARTICLE_BASE_URL})
 * @param accessToken API user token (env {@code PARTICLE_ACCESS_TOKEN}); blank = not configured
 * @param product product id or slug (env {@code PARTICLE_PRODUCT})
 * @param webhookSecret shared secret expected on webhook deliveries (env {@code PARTICLE_WEBHOOK_SECRET})
 * @param rateLimit client-side limits, shared by every call and stream open
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout maximum silence while reading a response
 * @param callTimeout whole-call limit for one attempt (not used for the event stream)
 * @param maxRetries retries after the first attempt, for calls that may be retried
 * @param backoffBase first backoff step (exponential, full jitter)
 * @param backoffMax largest backoff step
 */
@Validated
@ConfigurationProperties("fleetota.particle")
record ParticleProperties(@DefaultValue("https://api.particle.io") @NotNull URI baseUrl, String accessToken,
        String product, String webhookSecret, @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue("PT10S") @NotNull Duration connectTimeout, @DefaultValue("PT30S") @NotNull Duration readTimeout,
        @DefaultValue("PT60S") @NotNull Duration callTimeout, @DefaultValue("4") @Min(0) @Max(20) int maxRetries,
        @DefaultValue("PT0.5S") @NotNull Duration backoffBase, @DefaultValue("PT30S") @NotNull Duration backoffMax) {

    /** Both a token and a product are set, so calls can be made. */
    boolean configured() {
        return StringUtils.hasText(accessToken) && StringUtils.hasText(product);
    }

    @Override
    public String toString() {
        return "ParticleProperties[baseUrl=" + baseUrl + ", accessToken=" + mask(accessToken) + ", product=" + product
                + ", webhookSecret=" + mask(webhookSecret) + ", rateLimit=" + rateLimit + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + ", maxRetries="
                + maxRetries + ", backoffBase=" + backoffBase + ", backoffMax=" + backoffMax + "]";
    }

    private static String mask(String secret) {
        return StringUtils.hasText(secret) ? "******" : "(not set)";
    }

    /**
     * Particle documents 10,000 API requests and 100 event-stream opens per 5 minutes (per source IP).
     *
     * @param requests requests allowed per {@code requestsPeriod}
     * @param requestsPeriod window of the request limit
     * @param streamOpens event-stream opens allowed per {@code streamOpensPeriod}
     * @param streamOpensPeriod window of the stream-open limit
     * @param maxWait longest a caller blocks for a permit before the call fails as rate limited
     */
    record RateLimit(@DefaultValue("10000") @Min(2) int requests, @DefaultValue("PT5M") @NotNull Duration requestsPeriod,
            @DefaultValue("100") @Min(2) int streamOpens, @DefaultValue("PT5M") @NotNull Duration streamOpensPeriod,
            @DefaultValue("PT30S") @NotNull Duration maxWait) {
    }

}
