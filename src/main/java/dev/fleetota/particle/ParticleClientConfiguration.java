package dev.fleetota.particle;

import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one OkHttp client used for Particle, REST and event stream alike (bean {@code particleHttpClient}): timeouts
 * from {@link ParticleProperties}, the bearer token and the shared rate limiters in one interceptor. Other modules
 * (the event stream) may derive clients from it with {@code newBuilder()}; interceptors and limiters carry over.
 */
@Configuration(proxyBeanMethods = false)
class ParticleClientConfiguration {

    /**
     * Idle connections kept for reuse: more than the engine's concurrent calls (4 flash dispatchers, 8 cloud readers,
     * preflight, sync and the notifier besides). OkHttp's default of 5 closed the rest after each burst, so every
     * burst opened new connections (a TCP, and against the real cloud a TLS, handshake each): in a 100k-device
     * profile, 5 % of the dispatchers' and 9 % of the cloud readers' samples were opening a connection.
     */
    static final int MAX_IDLE_CONNECTIONS = 32;

    @Bean
    OkHttpClient particleHttpClient(ParticleProperties properties) {
        return httpClient(properties);
    }

    static OkHttpClient httpClient(ParticleProperties properties) {
        ParticleProperties.RateLimit limits = properties.rateLimit();
        ParticleRateLimiter requests = new ParticleRateLimiter("request", limits.requests(), limits.requestsPeriod(),
                limits.maxWait());
        ParticleRateLimiter streamOpens = new ParticleRateLimiter("event-stream open", limits.streamOpens(),
                limits.streamOpensPeriod(), limits.maxWait());
        return new OkHttpClient.Builder().connectTimeout(properties.connectTimeout())
            .readTimeout(properties.readTimeout())
            .writeTimeout(properties.readTimeout())
            .callTimeout(properties.callTimeout())
            .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
            .addInterceptor(new ParticleRequestInterceptor(properties.accessToken(), requests, streamOpens))
            .eventListener(ParticleRequestInterceptor.SEND_TRACKING)
            .build();
    }

}
