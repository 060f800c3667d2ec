package dev.fleetota.particlesim;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Server-sent events (§9): product, product-device, sandbox and public streams with a URL-decoded prefix filter,
 * per-IP limits on opens and concurrent streams, and event publishing.
 */
final class EventRoutes {

    private final SimContext ctx;
    private final DeviceEngine engine;
    private final RateLimiter rateLimiter;
    private final ExecutorService streamPool;

    EventRoutes(SimContext ctx, DeviceEngine engine, RateLimiter rateLimiter, ExecutorService streamPool) {
        this.ctx = ctx;
        this.engine = engine;
        this.rateLimiter = rateLimiter;
        this.streamPool = streamPool;
    }

    void register(Router router) {
        router.add("GET", "/v1/products/:p/events/*", "events", r -> open(r, true, null))
                .add("GET", "/v1/products/:p/devices/:id/events/*", "events", r -> open(r, true, device(r, true)))
                .add("GET", "/v1/devices/events/*", "events", r -> open(r, false, null))
                .add("GET", "/v1/devices/:id/events/*", "events", r -> open(r, false, device(r, false)))
                .add("GET", "/v1/events/*", "events", this::publicStream)
                .add("POST", "/v1/products/:p/events", "publishEvent", this::publish)
                .add("POST", "/v1/devices/events", "publishEvent", this::publish);
    }

    private SimResponse publicStream(SimRequest r) {
        if (r.path("*").isEmpty()) {
            throw ApiError.badRequest("event prefix filter is required");
        }
        return open(r, false, null);
    }

    private String device(SimRequest r, boolean product) {
        return ctx.fleet.get(r.path("id")).map(d -> d.id).orElseThrow(() -> product
                ? ApiError.notFound("Device not found.") : ApiError.permissionDenied());
    }

    private SimResponse open(SimRequest r, boolean productEnvelope, String deviceId) {
        String ip = r.clientIp();
        if (!rateLimiter.tryOpenStream(ip)) {
            ctx.stats.rateLimited.increment();
            throw ApiError.tooManyRequests();
        }
        SseStream[] holder = new SseStream[1];
        SseStream stream = new SseStream(r.exchange, r.path("*"), deviceId, productEnvelope,
                ctx.settings.effectiveKeepAlive().toMillis(), 50_000, ctx.stats, () -> {
                    ctx.hub.unregister(holder[0]);
                    rateLimiter.streamClosed(ip);
                });
        holder[0] = stream;
        try {
            r.exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            r.exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            r.exchange.sendResponseHeaders(200, 0);
            ctx.hub.register(stream);
            streamPool.execute(stream);
            ctx.stats.streamsOpened.increment();
        }
        catch (IOException | RejectedExecutionException ex) {
            ctx.hub.unregister(stream);
            rateLimiter.streamClosed(ip);
            r.exchange.close();
        }
        return SimResponse.streamed();
    }

    private SimResponse publish(SimRequest r) {
        String name = r.text("name");
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("name is required");
        }
        engine.emitter.emitApi(name, r.text("data"));
        return SimResponse.ok(Json.ok());
    }

}
