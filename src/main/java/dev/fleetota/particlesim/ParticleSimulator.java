package dev.fleetota.particlesim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A running Particle Cloud simulator: REST + SSE on its own port, simulated devices on one shared timer, and
 * the ground-truth/fault API (also under {@code /sim/} over HTTP). Start one per test or per process:
 * <pre>{@code
 * try (ParticleSimulator sim = ParticleSimulator.start(SimulatorSettings.builder().timeScale(100).build())) {
 *     String id = sim.addDevice(DeviceSpec.of(Platform.BORON).withDeviceOs("4.0.2")).id();
 *     // point a ParticleClient at sim.baseUrl() with sim.accessToken() and sim.productId()
 * }
 * }</pre>
 */
public final class ParticleSimulator implements AutoCloseable {

    private final SimContext ctx;
    private final DeviceEngine engine;
    private final FirmwareRoutes firmwareRoutes;
    private final FleetSeeder seeder;
    private final SimHttpServer server;
    private final ScheduledThreadPoolExecutor timer;
    private volatile EventFlood flood;
    private final ExecutorService streamPool;
    private ScheduledFuture<?> streamDropper;

    private ParticleSimulator(SimulatorSettings settings) throws IOException {
        Stats stats = new Stats();
        this.timer = new ScheduledThreadPoolExecutor(Math.max(1, Math.min(2, settings.schedulerThreads())),
                SimHttpServer.daemonThreads("particle-sim-timer-"));
        String token = settings.accessToken() != null ? settings.accessToken() : randomToken();
        this.ctx = new SimContext(settings, timer, new EventHub(stats), stats, token);
        this.engine = new DeviceEngine(ctx);
        this.firmwareRoutes = new FirmwareRoutes(ctx, engine);
        this.seeder = new FleetSeeder(ctx, engine, firmwareRoutes);
        RateLimiter rateLimiter = new RateLimiter(settings.rateLimits(), ctx.clock);
        this.streamPool = SimHttpServer.streamPool(Math.max(16, settings.rateLimits().sseMaxConcurrent() * 4));
        Router router = new Router();
        new EventRoutes(ctx, engine, rateLimiter, streamPool).register(router);
        new DeviceRoutes(ctx, engine).register(router);
        firmwareRoutes.register(router);
        new GroupRoutes(ctx).register(router);
        new DeviceOsRoutes().register(router);
        new DiagnosticsRoutes(ctx, engine).register(router);
        new AdminRoutes(this).register(router);
        this.server = new SimHttpServer(ctx, router, rateLimiter);
    }

    /** Starts a simulator (port 0 = a free port). */
    public static ParticleSimulator start(SimulatorSettings settings) {
        try {
            ParticleSimulator sim = new ParticleSimulator(settings);
            sim.server.start();
            sim.engine.startBackground();
            return sim;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot start the Particle simulator on port " + settings.port(), ex);
        }
    }

    public String baseUrl() {
        return "http://" + ctx.settings.host() + ":" + port();
    }

    public int port() {
        return server.port();
    }

    public String accessToken() {
        return ctx.accessToken;
    }

    public int productId() {
        return ctx.settings.productId();
    }

    public String productSlug() {
        return ctx.settings.productSlug();
    }

    public SimulatorSettings settings() {
        return ctx.settings;
    }

    public DeviceSnapshot addDevice(DeviceSpec spec) {
        return engine.snapshot(engine.add(spec));
    }

    /** Adds {@code count} mixed devices (platforms, SIMs, time zones, faults by the configured probabilities). */
    public List<String> seedFleet(int count) {
        return seeder.seedFleet(count);
    }

    /** Adds the demo product firmware v1–v4 (required Device OS 1.5.2, 2.3.1, 4.2.0, 6.1.1) if absent. */
    public void seedDemoFirmware() {
        seeder.seedFirmware();
    }

    /** Adds a product firmware version whose app needs {@code deviceOsVersion} (emits particle/firmware/create). */
    public void addFirmware(int version, String deviceOsVersion) {
        firmwareRoutes.create(version, deviceOsVersion, null, null, "firmware-v" + version + ".bin", new byte[0]);
    }

    public int deviceCount() {
        return ctx.fleet.size();
    }

    public DeviceSnapshot device(String id) {
        return engine.snapshot(find(id));
    }

    public List<DeviceSnapshot> devices() {
        return Arrays.stream(ctx.fleet.all()).map(engine::snapshot).toList();
    }

    /** Every {@code PUT} with {@code flash:true} the device received, with timestamps. */
    public List<FlashCommand> flashCommands(String id) {
        SimDevice d = find(id);
        synchronized (d) {
            return d.flashCommands();
        }
    }

    /** The device's most recent events (capacity: {@code timelineCapacity}). */
    public List<TimelineEntry> timeline(String id) {
        SimDevice d = find(id);
        synchronized (d) {
            return d.timeline();
        }
    }

    public void setFault(String id, Fault fault) {
        engine.setFault(find(id), fault);
    }

    /** Device-side {@code System.enableUpdates()/disableUpdates()}; emits particle/device/updates/enabled. */
    public void setUpdatesEnabled(String id, boolean enabled) {
        engine.setUpdatesEnabled(find(id), enabled);
    }

    public GlobalFaults globalFaults() {
        return ctx.globalFaults();
    }

    public synchronized void globalFaults(GlobalFaults faults) {
        ctx.globalFaults(faults);
        if (streamDropper != null) {
            streamDropper.cancel(false);
            streamDropper = null;
        }
        if (faults.dropStreamsEvery() != null && !faults.dropStreamsEvery().isZero()) {
            long period = faults.dropStreamsEvery().toMillis();
            streamDropper = timer.scheduleAtFixedRate(ctx.hub::dropAll, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Silent power loss: the cloud notices only after its offline-detection lag. */
    public void powerOff(String id) {
        engine.powerOff(find(id));
    }

    public void powerOn(String id) {
        engine.powerOn(find(id));
    }

    /** Publishes an event as if the device had sent it. */
    public void publish(String deviceId, String name, String data) {
        engine.publishAs(find(deviceId), name, data);
    }

    /**
     * Starts a flood of {@code count} device events on the event streams (ingest benchmark), replacing a running
     * one; {@code ratePerSecond} 0 = as fast as the streams take them. See {@link EventFlood}.
     */
    public synchronized void flood(int count, double ratePerSecond, List<String> names) {
        EventFlood previous = flood;
        if (previous != null) {
            previous.stop();
        }
        flood = new EventFlood(ctx, count, ratePerSecond, names);
        Thread thread = new Thread(flood, "particle-sim-flood");
        thread.setDaemon(true);
        thread.start();
    }

    /** Progress of the last flood, or null when none was started. */
    tools.jackson.databind.node.ObjectNode floodStatus() {
        EventFlood current = flood;
        return current == null ? null : current.status();
    }

    /** Server-side disconnect of every open event stream. */
    public int dropStreams() {
        int open = ctx.hub.openStreams();
        ctx.hub.dropAll();
        return open;
    }

    /**
     * Writes {@code text} verbatim to every open event stream (fault injection: malformed {@code data:} lines,
     * garbage); end it with a blank line so the next event block starts clean. Returns the number of streams.
     */
    public int sendRawToStreams(String text) {
        return ctx.hub.publishRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    public SimStats stats() {
        return ctx.stats.snapshot(ctx.hub.openStreams(), ctx.fleet.size());
    }

    @Override
    public void close() {
        EventFlood running = flood;
        if (running != null) {
            running.stop();
        }
        server.stop();
        ctx.hub.dropAll();
        timer.shutdownNow();
        streamPool.shutdownNow();
    }

    /** In-process listener, called synchronously (under the device's monitor) for every published event. */
    void onEvent(java.util.function.Consumer<SimEvent> listener) {
        ctx.hub.addListener(listener);
    }

    SimDevice find(String id) {
        return ctx.fleet.get(id).orElseThrow(() -> new IllegalArgumentException("no simulated device " + id));
    }

    DeviceEngine engine() {
        return engine;
    }

    FirmwareRoutes firmwareRoutes() {
        return firmwareRoutes;
    }

    SimContext context() {
        return ctx;
    }

    private static String randomToken() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "ParticleSimulator[" + baseUrl() + ", product " + productId() + ", " + deviceCount() + " devices]";
    }

}
