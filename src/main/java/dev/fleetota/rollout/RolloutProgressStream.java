package dev.fleetota.rollout;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.fleetota.rollout.RolloutViews.TransitionView;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /rollouts/{id}/events}: a text/event-stream of the rollout's progress. Every second it sends a
 * {@code rollout} event when the summary changed and a {@code transition} event per device-update transition since
 * the last one. It reads PostgreSQL, so it shows progress made by any instance.
 */
@Component
class RolloutProgressStream implements DisposableBean, SmartLifecycle {

    private static final long TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final RolloutQueries queries;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rollout-progress");
        t.setDaemon(true);
        return t;
    });

    private final Map<SseEmitter, ScheduledFuture<?>> open = new ConcurrentHashMap<>();

    RolloutProgressStream(RolloutQueries queries) {
        this.queries = queries;
    }

    SseEmitter open(long rolloutId) {
        RolloutView first = queries.get(rolloutId);
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        Cursor cursor = new Cursor(rolloutId);
        cursor.lastSummary = summaryKey(first);
        send(emitter, "rollout", first);
        ScheduledFuture<?> task = scheduler.scheduleWithFixedDelay(() -> push(emitter, cursor), 1, 1, TimeUnit.SECONDS);
        open.put(emitter, task);
        Runnable close = () -> {
            ScheduledFuture<?> t = open.remove(emitter);
            if (t != null) {
                t.cancel(false);
            }
        };
        emitter.onCompletion(close);
        emitter.onTimeout(close);
        emitter.onError(e -> close.run());
        return emitter;
    }

    private static final class Cursor {

        final long rolloutId;

        long lastTransitionId;

        String lastSummary;

        Cursor(long rolloutId) {
            this.rolloutId = rolloutId;
        }

    }

    private void push(SseEmitter emitter, Cursor cursor) {
        try {
            List<TransitionView> transitions = queries.transitionsSince(cursor.rolloutId, cursor.lastTransitionId, 500);
            for (TransitionView t : transitions) {
                emitter.send(SseEmitter.event().name("transition").id(String.valueOf(t.id())).data(t));
                cursor.lastTransitionId = t.id();
            }
            RolloutView view = queries.get(cursor.rolloutId);
            String key = summaryKey(view);
            if (!key.equals(cursor.lastSummary)) {
                cursor.lastSummary = key;
                emitter.send(SseEmitter.event().name("rollout").data(view));
            }
            if (view.status().isTerminal() && view.progress().inFlight() == 0 && transitions.isEmpty()) {
                emitter.complete();
            }
        }
        catch (IOException | IllegalStateException ex) {
            emitter.completeWithError(ex);
        }
    }

    private static String summaryKey(RolloutView v) {
        return v.status() + "/" + v.waitReason() + "/" + v.currentBatch() + "/" + v.progress().byState();
    }

    private static void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        }
        catch (IOException ex) {
            emitter.completeWithError(ex);
        }
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends the open streams before the web server's graceful shutdown, which would otherwise wait for these
     * never-ending responses; clients reconnect (to another instance).
     */
    @Override
    public void stop() {
        running = false;
        open.keySet().forEach(SseEmitter::complete);
        open.values().forEach(task -> task.cancel(false));
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        stop();
        scheduler.shutdownNow();
    }

}
