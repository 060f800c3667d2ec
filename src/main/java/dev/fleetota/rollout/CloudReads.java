package dev.fleetota.rollout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The engine's device reads from the cloud (preflight and verification), a few at a time, outside any transaction:
 * one GET per device takes a round trip, so reading a batch one after the other bounds the engine to ~1 / latency
 * devices per second.
 */
@Component
class CloudReads implements DisposableBean {

    /** A device whose read failed is read again this much later (by the preflight and the verification reader). */
    static final Duration RETRY_FAILED = Duration.ofSeconds(30);

    private final ExecutorService readers;

    CloudReads(RolloutProperties properties) {
        this.readers = Executors.newFixedThreadPool(properties.dispatchThreads() * 2, r -> {
            Thread t = new Thread(r, "cloud-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Applies {@code read} to every item concurrently; the results in the items' order. */
    <T, R> List<R> readAll(List<T> items, Function<T, R> read) {
        List<CompletableFuture<R>> reads = items.stream()
            .map(item -> CompletableFuture.supplyAsync(() -> read.apply(item), readers))
            .toList();
        return reads.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }

}
