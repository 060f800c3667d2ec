package dev.fleetota.particlesim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

/**
 * One open event stream: {@code :ok} on connect, then event blocks, and a {@code :ok} comment whenever nothing was
 * written for a keep-alive interval. Runs on its own thread from the stream pool; a full queue (slow reader)
 * closes the stream, as a real server would.
 */
final class SseStream implements Runnable {

    private static final byte[] OK = ":ok\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = new byte[0];

    private final HttpExchange exchange;
    private final String prefix;
    private final String deviceId;
    private final boolean productEnvelope;
    private final long keepAliveMillis;
    private final BlockingQueue<byte[]> queue;
    private final Stats stats;
    private final Runnable onClose;
    private volatile boolean closed;

    SseStream(HttpExchange exchange, String prefix, String deviceId, boolean productEnvelope, long keepAliveMillis,
            int capacity, Stats stats, Runnable onClose) {
        this.exchange = exchange;
        this.prefix = prefix == null ? "" : prefix;
        this.deviceId = deviceId;
        this.productEnvelope = productEnvelope;
        this.keepAliveMillis = keepAliveMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.stats = stats;
        this.onClose = onClose;
    }

    boolean accepts(SimEvent event) {
        if (closed || !event.name.startsWith(prefix)) {
            return false;
        }
        if (deviceId != null) {
            return event.fromDevice && deviceId.equals(event.coreid);
        }
        return productEnvelope || event.fromDevice;
    }

    void offer(SimEvent event) {
        if (!queue.offer(event.block(productEnvelope))) {
            close();
        }
    }

    /** Raw wire data (fault injection): written as is, whatever the stream's filter. */
    void offerRaw(byte[] raw) {
        if (!closed && !queue.offer(raw)) {
            close();
        }
    }

    int backlog() {
        return queue.size();
    }

    void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSE);
    }

    @Override
    public void run() {
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(OK);
            out.flush();
            while (!closed) {
                byte[] block = queue.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
                if (block == CLOSE || closed) {
                    break;
                }
                out.write(block == null ? OK : block);
                if (block != null) {
                    stats.eventsDelivered.increment();
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // client went away or the stream was dropped: nothing to report
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            closed = true;
            exchange.close();
            onClose.run();
        }
    }

}
