package dev.fleetota.particlesim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans published events out to every open SSE stream whose filter matches (no replay: a stream sees only what
 * is published while it is open) and to in-process listeners.
 */
final class EventHub {

    private final List<SseStream> streams = new CopyOnWriteArrayList<>();
    private final List<Consumer<SimEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Stats stats;

    EventHub(Stats stats) {
        this.stats = stats;
    }

    void publish(SimEvent event) {
        stats.eventsPublished.increment();
        for (SseStream stream : streams) {
            if (stream.accepts(event)) {
                stream.offer(event);
            }
        }
        for (Consumer<SimEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    /** Writes raw SSE text (e.g. a malformed block) to every open stream; returns how many got it. */
    int publishRaw(byte[] raw) {
        int sent = 0;
        for (SseStream stream : streams) {
            stream.offerRaw(raw);
            sent++;
        }
        return sent;
    }

    void register(SseStream stream) {
        streams.add(stream);
    }

    void unregister(SseStream stream) {
        streams.remove(stream);
    }

    void addListener(Consumer<SimEvent> listener) {
        listeners.add(listener);
    }

    /** The largest number of events waiting in one open stream (a slow reader). */
    int maxBacklog() {
        int max = 0;
        for (SseStream stream : streams) {
            max = Math.max(max, stream.backlog());
        }
        return max;
    }

    int openStreams() {
        return streams.size();
    }

    /** Server-side disconnect of every stream (fault injection): clients see EOF and must reconnect. */
    void dropAll() {
        for (SseStream stream : streams) {
            stats.streamsDropped.increment();
            stream.close();
        }
    }

}
