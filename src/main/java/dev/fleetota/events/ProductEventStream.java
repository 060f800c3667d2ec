package dev.fleetota.events;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource.Factory;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Holds {@code GET /v1/products/:p/events} open on exactly one instance (lease {@value #LEASE}) and feeds every event
 * to {@link DeviceEventIntake}. A stream silent for longer than the keep-alive deadline is dead; drops are
 * reconnected with exponential backoff and jitter, each open counted by the shared limiter of the Particle HTTP
 * client. After every successful open it publishes {@link EventStreamConnected} so device state gets reconciled.
 * All state changes run on one scheduler thread; OkHttp callbacks hand over to it.
 */
@Component
class ProductEventStream implements SmartLifecycle {

    static final String LEASE = "particle-event-stream";

    private static final Logger log = LoggerFactory.getLogger(ProductEventStream.class);

    /** What the stream is doing, for health and tests. */
    enum State {
        DISABLED, STOPPED, STANDBY, CONNECTING, CONNECTED, RECONNECTING
    }

    private final EventStreamProperties settings;

    private final ParticleEndpoint endpoint;

    private final Factory sources;

    private final StreamLease lease;

    private final EventReceiver receiver;

    private final ApplicationEventPublisher publisher;

    private final Clock clock;

    private final String instanceId;

    private ScheduledExecutorService scheduler;

    private volatile State state = State.STOPPED;

    private volatile okhttp3.sse.EventSource current;

    private volatile Instant lastEventAt;

    private final ReconnectBackoff backoff;

    private Instant nextConnectAt = Instant.MIN;

    /** When the current connection opened (scheduler thread only). */
    private Instant connectedAt;

    private boolean everConnected;

    ProductEventStream(EventStreamProperties settings, ParticleEndpoint endpoint,
            @Qualifier("particleHttpClient") OkHttpClient http, StreamLease lease, EventReceiver receiver,
            ApplicationEventPublisher publisher, Clock clock) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.sources = EventSources.createFactory(streamClient(http, settings));
        this.lease = lease;
        this.receiver = receiver;
        this.publisher = publisher;
        this.clock = clock;
        this.instanceId = StringUtils.hasText(settings.instanceId()) ? settings.instanceId() : defaultInstanceId();
        this.backoff = new ReconnectBackoff(settings.backoffBase(), settings.backoffMax(),
                settings.keepAliveTimeout().multipliedBy(2));
    }

    /**
     * Reading times out after the keep-alive deadline without bytes; no overall call timeout for a long stream; a
     * trickle is read a few events at a time ({@link CoalescingReads}).
     */
    private static OkHttpClient streamClient(OkHttpClient http, EventStreamProperties settings) {
        return http.newBuilder().readTimeout(settings.keepAliveTimeout()).callTimeout(Duration.ZERO)
            .addInterceptor(new CoalescingReads(settings.readPause())).build();
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || !endpoint.streamConfigured()) {
            state = State.DISABLED;
            log.info("Particle event stream disabled ({})",
                    settings.enabled() ? "no access token or product configured" : "fleetota.events.stream.enabled=false");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "particle-event-stream");
            thread.setDaemon(true);
            return thread;
        });
        state = State.STANDBY;
        scheduler.scheduleWithFixedDelay(this::tick, 0, settings.leaseRenewInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        disconnect();
        state = State.STOPPED;
        try {
            lease.release(LEASE, instanceId);
        }
        catch (RuntimeException ex) {
            log.debug("Could not release the event-stream lease", ex);
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** One step on the scheduler thread: keep the lease, and connect when we hold it and the backoff allows. */
    void tick() {
        try {
            boolean holding = lease.acquire(LEASE, instanceId, settings.leaseDuration());
            if (!holding) {
                if (current != null) {
                    log.info("Lost the event-stream lease; closing the stream");
                }
                disconnect();
                state = State.STANDBY;
                return;
            }
            if (current == null && !clock.instant().isBefore(nextConnectAt)) {
                connect();
            }
        }
        catch (RuntimeException ex) {
            log.warn("Event-stream lease check failed; closing the stream until it succeeds: {}", ex.toString());
            disconnect();
            state = State.STANDBY;
        }
    }

    private void connect() {
        HttpUrl url = HttpUrl.get(endpoint.baseUrl().toString())
            .newBuilder()
            .addPathSegments("v1/products")
            .addPathSegment(endpoint.product().trim())
            .addPathSegment("events")
            .build();
        Request request = new Request.Builder().url(url).header("Accept", "text/event-stream").get().build();
        state = everConnected ? State.RECONNECTING : State.CONNECTING;
        current = sources.newEventSource(request, new Listener());
    }

    private void disconnect() {
        okhttp3.sse.EventSource source = current;
        current = null;
        if (source != null) {
            source.cancel();
        }
    }

    private void opened(okhttp3.sse.EventSource source) {
        if (source != current) {
            return;
        }
        Instant now = clock.instant();
        boolean reconnect = everConnected;
        everConnected = true;
        connectedAt = now;
        backoff.connected(now);
        state = State.CONNECTED;
        log.info("Particle product event stream {}", reconnect ? "reconnected" : "connected");
        publisher.publishEvent(new EventStreamConnected(now, reconnect));
    }

    private void dropped(okhttp3.sse.EventSource source, String why) {
        if (source != current) {
            return;
        }
        current = null;
        Instant now = clock.instant();
        Instant lastEvent = lastEventAt;
        boolean delivered = lastEvent != null && connectedAt != null && lastEvent.isAfter(connectedAt);
        Duration delay = backoff.dropped(now, delivered);
        nextConnectAt = now.plus(delay);
        state = State.RECONNECTING;
        log.warn("Particle event stream dropped ({}); reconnecting in {} ms", why, delay.toMillis());
        ScheduledExecutorService s = scheduler;
        if (s != null && !s.isShutdown()) {
            s.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void onScheduler(Runnable task) {
        ScheduledExecutorService s = scheduler;
        if (s != null && !s.isShutdown()) {
            s.execute(task);
        }
    }

    State state() {
        return state;
    }

    Instant lastEventAt() {
        return lastEventAt;
    }

    String instanceId() {
        return instanceId;
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (Exception ex) {
            host = "instance";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private final class Listener extends EventSourceListener {

        @Override
        public void onOpen(okhttp3.sse.EventSource source, Response response) {
            onScheduler(() -> opened(source));
        }

        @Override
        public void onEvent(okhttp3.sse.EventSource source, String id, String type, String data) {
            if (source == current) {
                lastEventAt = clock.instant();
                receiver.receiveFromStream(type, data);
            }
        }

        @Override
        public void onClosed(okhttp3.sse.EventSource source) {
            onScheduler(() -> dropped(source, "closed by the server"));
        }

        @Override
        public void onFailure(okhttp3.sse.EventSource source, Throwable failure, Response response) {
            String why = response != null ? "HTTP " + response.code()
                    : failure != null ? failure.getClass().getSimpleName() : "unknown";
            onScheduler(() -> dropped(source, why));
        }

    }

}
