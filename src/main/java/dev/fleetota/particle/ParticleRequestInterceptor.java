package dev.fleetota.particle;

import java.io.IOException;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Applied to every request made with the Particle HTTP client (REST calls, retries and event-stream opens alike):
 * takes a permit from the shared rate limiters and adds the token as {@code Authorization: Bearer} (never as a query
 * parameter or form field).
 */
final class ParticleRequestInterceptor implements Interceptor {

    /** Fires when OkHttp starts writing a request, so a failed call can tell whether the server may have seen it. */
    static final EventListener SEND_TRACKING = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            SendTracker tracker = call.request().tag(SendTracker.class);
            if (tracker != null) {
                tracker.sent = true;
            }
        }
    };

    private final String authorization;

    private final ParticleRateLimiter requests;

    private final ParticleRateLimiter streamOpens;

    ParticleRequestInterceptor(String accessToken, ParticleRateLimiter requests, ParticleRateLimiter streamOpens) {
        this.authorization = accessToken == null || accessToken.isBlank() ? null : "Bearer " + accessToken.trim();
        this.requests = requests;
        this.streamOpens = streamOpens;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (isEventStream(request)) {
            streamOpens.acquire();
        }
        requests.acquire();
        if (authorization == null) {
            return chain.proceed(request);
        }
        return chain.proceed(request.newBuilder().header("Authorization", authorization).build());
    }

    private static boolean isEventStream(Request request) {
        String accept = request.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    @Override
    public String toString() {
        return "ParticleRequestInterceptor";
    }

    /** Request tag: did OkHttp start sending this request? */
    static final class SendTracker {

        private volatile boolean sent;

        boolean sent() {
            return sent;
        }

    }

}
