package dev.fleetota.particlesim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server with a bounded pool. Pipeline for Particle routes: per-IP rate limit → token (§2.1: Bearer
 * header, {@code access_token} query or body) → product (id or slug) → injected faults → route. Admin routes under
 * {@code /sim/} skip all of that. Errors are Particle's bodies; a 429 never carries {@code Retry-After}.
 */
final class SimHttpServer {

    private static final Logger log = LoggerFactory.getLogger(SimHttpServer.class);

    private final SimContext ctx;
    private final Router router;
    private final RateLimiter rateLimiter;
    private final HttpServer server;
    private final ThreadPoolExecutor pool;

    SimHttpServer(SimContext ctx, Router router, RateLimiter rateLimiter) throws IOException {
        this.ctx = ctx;
        this.router = router;
        this.rateLimiter = rateLimiter;
        SimulatorSettings s = ctx.settings;
        this.server = HttpServer.create(new InetSocketAddress(s.host(), s.port()), 256);
        this.pool = new ThreadPoolExecutor(s.httpThreads(), s.httpThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), daemonThreads("particle-sim-http-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            SimResponse response = dispatch(exchange);
            if (!response.isStreaming()) {
                write(exchange, response);
            }
        }
        catch (ApiError error) {
            write(exchange, SimResponse.status(error.status, error.body));
        }
        catch (RuntimeException ex) {
            log.warn("Simulator failed to answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), ex);
            write(exchange, SimResponse.status(500, Json.error("Internal Server Error")));
        }
    }

    private SimResponse dispatch(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        Router.Match match = router.match(method, exchange.getRequestURI().getRawPath());
        if (match == null) {
            ctx.stats.request("unmatched");
            throw ApiError.notFound("Not Found");
        }
        Router.Route route = match.route();
        ctx.stats.request(route.name());
        SimRequest request = new SimRequest(exchange, match.params());
        if (route.particle()) {
            guard(request, route.name());
        }
        return route.handler().handle(request);
    }

    private void guard(SimRequest request, String routeName) {
        if (!rateLimiter.tryRequest(request.clientIp())) {
            ctx.stats.rateLimited.increment();
            throw ApiError.tooManyRequests();
        }
        authenticate(request);
        String product = request.path("p");
        if (product != null && !product.equals(String.valueOf(ctx.settings.productId()))
                && !product.equals(ctx.settings.productSlug())) {
            throw ApiError.permissionDenied();
        }
        GlobalFaults faults = ctx.globalFaults();
        if (ctx.faultDraw(faults.rate429For(routeName))) {
            ctx.stats.injected429.increment();
            throw ApiError.tooManyRequests();
        }
        if (ctx.faultDraw(faults.rate5xxFor(routeName))) {
            ctx.stats.injected5xx.increment();
            throw ApiError.serverError(faults.status5xx());
        }
    }

    private void authenticate(SimRequest request) {
        String token = null;
        String header = request.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).trim();
        }
        if (token == null) {
            token = request.query("access_token");
        }
        if (token == null && !request.method.equals("GET")) {
            token = Json.asText(request.body().get("access_token"));
        }
        if (token == null || token.isEmpty()) {
            throw ApiError.missingToken();
        }
        if (!java.security.MessageDigest.isEqual(token.getBytes(), ctx.accessToken.getBytes())) {
            throw ApiError.invalidToken();
        }
    }

    private static void write(HttpExchange exchange, SimResponse response) {
        try {
            byte[] body = response.raw();
            String type = response.contentType();
            if (response.json() != null) {
                body = Json.MAPPER.writeValueAsBytes(response.json());
                type = "application/json; charset=utf-8";
            }
            if (type != null) {
                exchange.getResponseHeaders().set("Content-Type", type);
            }
            if (response.status() == 204 || body == null) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        catch (IOException ex) {
            // the client went away
        }
        finally {
            exchange.close();
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static ExecutorService streamPool(int max) {
        return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                daemonThreads("particle-sim-sse-"));
    }

}
