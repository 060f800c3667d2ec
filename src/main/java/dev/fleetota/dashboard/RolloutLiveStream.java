package dev.fleetota.dashboard;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.fleetota.common.NotFoundException;
import dev.fleetota.rollout.RolloutQueries;
import dev.fleetota.rollout.RolloutView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of an open rollout page ({@code GET /ui/rollouts/{id}/events}): a {@code rollout} event whenever
 * the rollout's state, batch or counts per device-update state change, like the API's progress stream, which a
 * browser cannot open with a session cookie. The page's htmx re-reads its live part on each event. One read per
 * watched rollout and interval, however many browsers watch it; it reads PostgreSQL, so it shows progress made by any
 * instance.
 */
@Component
class RolloutLiveStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RolloutLiveStream.class);

    static final String EVENT = "rollout";

    private final RolloutQueries queries;

    private final DashboardProperties properties;

    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();

    private ScheduledExecutorService scheduler;

    private long ticks;

    private volatile boolean running;

    RolloutLiveStream(RolloutQueries queries, DashboardProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    /** A short fingerprint of what the page shows live: state, wait reason, batch, counts, halt. */
    static String keyOf(RolloutView rollout) {
        String summary = rollout.status() + "/" + rollout.waitReason() + "/" + rollout.currentBatch() + "/"
                + rollout.progress().byState() + "/" + (rollout.haltReason() == null ? "" : rollout.haltReason());
        return Integer.toHexString(summary.hashCode());
    }

    /**
     * Opens a stream. {@code seenKey} is the key the page was rendered with: if the rollout changed since, the first
     * event goes out at once.
     */
    SseEmitter open(long rolloutId, String seenKey) {
        RolloutView now = queries.get(rolloutId);
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        watches.compute(rolloutId, (id, watch) -> {
            Watch w = watch == null ? new Watch(keyOf(now)) : watch;
            w.emitters.add(emitter);
            return w;
        });
        Runnable close = () -> forget(rolloutId, emitter);
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        if (seenKey == null || !seenKey.equals(keyOf(now))) {
            send(emitter, now);
        }
        else {
            keepAlive(emitter); // commits the response: the browser sees the stream open
        }
        return emitter;
    }

    private void tick() {
        boolean heartbeat = ++ticks % Math.max(1, properties.heartbeat().toMillis()
                / Math.max(1, properties.streamInterval().toMillis())) == 0;
        watches.forEach((rolloutId, watch) -> {
            try {
                check(rolloutId, watch, heartbeat);
            }
            catch (NotFoundException ex) {
                watch.emitters.forEach(SseEmitter::complete);
                watches.remove(rolloutId);
            }
            catch (RuntimeException ex) {
                log.warn("Live stream of rollout {} could not read it; trying again", rolloutId, ex);
            }
        });
    }

    private void check(long rolloutId, Watch watch, boolean heartbeat) {
        RolloutView view = queries.get(rolloutId);
        String key = keyOf(view);
        if (!key.equals(watch.lastKey)) {
            watch.lastKey = key;
            watch.emitters.forEach(emitter -> send(emitter, view));
        }
        else if (heartbeat) {
            watch.emitters.forEach(RolloutLiveStream::keepAlive);
        }
    }

    private void forget(long rolloutId, SseEmitter emitter) {
        watches.computeIfPresent(rolloutId, (id, watch) -> {
            watch.emitters.remove(emitter);
            return watch.emitters.isEmpty() ? null : watch;
        });
    }

    private static void send(SseEmitter emitter, RolloutView view) {
        try {
            emitter.send(SseEmitter.event().name(EVENT).data(view));
        }
        catch (IOException | IllegalStateException ex) {
            emitter.completeWithError(ex);
        }
    }

    private static void keepAlive(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        }
        catch (IOException | IllegalStateException ex) {
            emitter.completeWithError(ex);
        }
    }

    int watchedRollouts() {
        return watches.size();
    }

    /** Starts reading watched rollouts; also after a {@link #stop()} (a paused test context is restarted). */
    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dashboard-live");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.streamInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown (which would otherwise wait for these
     * never-ending requests); browsers reconnect to another instance.
     */
    @Override
    public synchronized void stop() {
        running = false;
        scheduler.shutdownNow();
        watches.values().forEach(watch -> watch.emitters.forEach(SseEmitter::complete));
        watches.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static final class Watch {

        final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

        volatile String lastKey;

        Watch(String lastKey) {
            this.lastKey = lastKey;
        }

    }

}
