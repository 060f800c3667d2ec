import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest figures (issue 6 item 3): device events per second stored and applied through the SSE path (simulator
 * flood on the product stream) and through the webhook endpoint (concurrent HTTP clients), and, on the same database
 * in the same run, a raw {@code COPY} of the same rows into a copy of {@code device_event}. Prints one
 * {@code FIGURE name value} line per figure.
 */
public final class Ingest {

    private static final String DB = System.getProperty("ingest.db", "fleetota_bench_ingest");

    private static final String SECRET = "bench-webhook-secret-0123456789";

    private static final String COLUMNS = "dedup_key, device_id, name, data, published_at, product_version, source, "
            + "rejected_reason";

    private static final String[] WEBHOOK_EVENTS = { "spark/status", "spark/device/last_reset", "spark/flash/status" };

    private final int devices = Integer.getInteger("ingest.devices", 1000);

    private final int sseEvents = Integer.getInteger("ingest.sseEvents", 20_000);

    /** Events of a first flood, printed as {@code sse_cold_*}: the service's JIT compiles while it runs. */
    private final int warmupEvents = Integer.getInteger("ingest.warmupEvents", sseEvents);

    private final int webhookEvents = Integer.getInteger("ingest.webhookEvents", 10_000);

    private final int clients = Integer.getInteger("ingest.clients", 16);

    /** Webhook deliveries before the measured ones, printed as {@code webhook_cold_*} (the web path compiling). */
    private final int webhookWarmupEvents = Integer.getInteger("ingest.webhookWarmupEvents", webhookEvents);

    private final long timeoutMillis = Long.getLong("ingest.timeoutSeconds", 600) * 1000;

    private Http api;

    private long servicePid;

    private Http sim;

    public static void main(String[] args) throws Exception {
        new Ingest().run();
    }

    private static void figure(String name, Object value) {
        System.out.println("FIGURE " + name + " " + value);
    }

    private void run() throws Exception {
        String jdbc = Procs.freshDatabase(DB);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        // time scale 10: the simulator's keep-alives come often enough for the service's 5 s stream deadline
        Process simProc = Procs.simulator(simPort, devices, 10, "--strict", "--rate-limit=100000000",
                "--sse-opens=100000", "--timeline=0");
        Process service = null;
        try {
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g", "-Xlog:disable"));
            if (Boolean.getBoolean("ingest.jfr")) {
                jvm.add("-XX:StartFlightRecording=filename=" + Procs.OUT.resolve("ingest-service.jfr").toAbsolutePath()
                        + ",settings=profile,dumponexit=true");
            }
            service = Procs.service("ingest", apiPort, jdbc, simPort, jvm, "--fleetota.particle.webhook-secret=" + SECRET);
            servicePid = service.pid();
            api = new Http("http://127.0.0.1:" + apiPort, Procs.ADMIN_TOKEN);
            sim = new Http("http://127.0.0.1:" + simPort, null);
            // the stream's first connect triggers a device sync, which creates the device rows
            Procs.waitUntil(simProc, () -> Json.num(Json.parse(sim.ok("/sim/stats")), "streamsOpen") >= 1, 60_000,
                    "service's event stream");
            Procs.waitUntil(service, () -> Long.parseLong(value("SELECT count(*) FROM device")) >= devices, 300_000,
                    "device sync");
            Thread.sleep(1000);
            figure("devices_in_table", value("SELECT count(*) FROM device"));
            figure("postgres_autovacuum", value("SHOW autovacuum"));
            if (warmupEvents > 0) {
                measureSse(simProc, "sse_cold", warmupEvents);
            }
            double sse = measureSse(simProc, "sse", sseEvents);
            if (webhookWarmupEvents > 0) {
                measureWebhook(apiPort, "webhook_cold", webhookWarmupEvents);
            }
            double webhook = measureWebhook(apiPort, "webhook", webhookEvents);
            double copy = measureCopy();
            figure("ratio_sse_to_copy", String.format("%.3f", sse / copy));
            figure("ratio_webhook_to_copy", String.format("%.3f", webhook / copy));
        }
        finally {
            Procs.stop(service);
            Procs.stop(simProc);
            if (!Boolean.getBoolean("ingest.keepDatabase")) {
                Procs.dropDatabase(DB);
            }
        }
    }

    /**
     * Floods the product stream with {@code events}; stored = rows of source SSE; applied = the last event's device
     * row shows it. Figures are named {@code phase_*}.
     */
    private double measureSse(Process simProc, String phase, int events) throws Exception {
        long before = count("SSE");
        long commits0 = commits();
        double[] batches0 = Bench.intakeBatches(Bench.scrape(api));
        Work work0 = work();
        long t = System.nanoTime();
        sim.okPost("/sim/events/flood", "{\"count\": " + events + ", \"ratePerSecond\": 0}");
        long target = before + events;
        Procs.waitUntil(simProc, () -> count("SSE") >= target, timeoutMillis, "SSE events stored");
        Object last = Json.at(Json.parse(sim.ok("/sim/events/flood")), "lastEvent");
        Procs.waitUntil(simProc, () -> applied(last), 10_000, "last SSE event applied");
        double seconds = secs(t);
        long stored = count("SSE") - before;
        figure(phase + "_events", stored);
        figure(phase + "_seconds", String.format("%.2f", seconds));
        figure(phase + "_events_per_second", String.format("%.0f", stored / seconds));
        figure(phase + "_transactions_per_event", String.format("%.3f", (commits() - commits0) / (double) stored));
        batchFigures(phase, batches0);
        workFigures(phase, work0, stored);
        return stored / seconds;
    }

    /** One event of the flood changed its device row (every flood event moves last_heard or online_changed_at). */
    private boolean applied(Object last) throws Exception {
        String device = Json.str(last, "deviceId");
        String at = Json.str(last, "publishedAt");
        return "t".equals(value("SELECT greatest(last_heard, online_changed_at) >= '" + at + "'::timestamptz"
                + " FROM device WHERE id = '" + device + "'"));
    }

    /** {@code clients} threads post Particle webhook JSON bodies; each 200 is an event committed (stored + applied). */
    private double measureWebhook(int apiPort, String phase, int events) throws Exception {
        List<String> ids = deviceIds();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/particle/webhook");
        Instant base = Instant.now().minusSeconds(3600);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long before = count("WEBHOOK");
        long commits0 = commits();
        double[] batches0 = Bench.intakeBatches(Bench.scrape(api));
        Work work0 = work();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    String device = ids.get(i % ids.size());
                    String name = WEBHOOK_EVENTS[(i / ids.size()) % WEBHOOK_EVENTS.length];
                    String body = "{\"event\":\"" + name + "\",\"data\":\"" + data(name, i / ids.size())
                            + "\",\"published_at\":\"" + base.plusMillis(i) + "\",\"coreid\":\"" + device
                            + "\",\"fw_version\":\"1\"}";
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").header("X-Fleetota-Webhook-Secret", SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"stored\":true")) {
                            failed.incrementAndGet();
                        }
                    }
                    catch (IOException ex) {
                        failed.incrementAndGet();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                    latencies.add(System.nanoTime() - s);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = secs(t);
        pool.shutdown();
        long stored = count("WEBHOOK") - before;
        List<Long> sorted = new ArrayList<>(latencies);
        java.util.Collections.sort(sorted);
        figure(phase + "_events", stored);
        figure(phase + "_failed_requests", failed.get());
        figure(phase + "_clients", clients);
        figure(phase + "_seconds", String.format("%.2f", seconds));
        figure(phase + "_events_per_second", String.format("%.0f", stored / seconds));
        figure(phase + "_latency_ms_p50_p99", String.format("%.1f / %.1f", sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6));
        figure(phase + "_transactions_per_event", String.format("%.3f", (commits() - commits0) / (double) stored));
        batchFigures(phase, batches0);
        workFigures(phase, work0, stored);
        return stored / seconds;
    }

    /** What a phase cost: the service's CPU by thread, PostgreSQL's CPU, WAL written. */
    private record Work(ThreadCpu service, double postgresSeconds, String walLsn) {
    }

    private Work work() throws Exception {
        return new Work(ThreadCpu.snapshot(servicePid), ThreadCpu.postgresSeconds(), value("SELECT pg_current_wal_lsn()"));
    }

    /**
     * Work per event, steadier than events per second on a machine whose speed varies from run to run: CPU
     * microseconds of the service and of PostgreSQL, WAL bytes; and the service's threads that used the most.
     */
    private void workFigures(String phase, Work before, long events) throws Exception {
        Work after = work();
        double service = after.service().seconds() - before.service().seconds();
        figure(phase + "_service_cpu_us_per_event", String.format("%.1f", service * 1e6 / events));
        figure(phase + "_postgres_cpu_us_per_event",
                String.format("%.1f", (after.postgresSeconds() - before.postgresSeconds()) * 1e6 / events));
        figure(phase + "_wal_bytes_per_event", String.format("%.0f", Double.parseDouble(value(
                "SELECT pg_wal_lsn_diff('" + after.walLsn() + "', '" + before.walLsn() + "')")) / events));
        figure(phase + "_service_cpu_by_thread", after.service().since(before.service(), 6));
    }

    private void batchFigures(String phase, double[] before) throws Exception {
        double[] now = Bench.intakeBatches(Bench.scrape(api));
        double count = now[0] - before[0];
        double events = now[1] - before[1];
        double seconds = now[2] - before[2];
        if (count > 0) {
            figure(phase + "_batches", String.format("%.0f", count));
            figure(phase + "_events_per_batch", String.format("%.1f", events / count));
            figure(phase + "_ms_per_batch_transaction", String.format("%.2f", seconds * 1000 / count));
            figure(phase + "_ms_per_event_in_transaction", String.format("%.3f", seconds * 1000 / events));
        }
    }

    private static String data(String name, int round) {
        return switch (name) {
            case "spark/status" -> round % 2 == 0 ? "online" : "offline";
            case "spark/flash/status" -> round % 2 == 0 ? "started " : "success ";
            default -> new String[] { "power_down", "pin_reset", "watchdog" }[round % 3];
        };
    }

    /**
     * The same rows, exported once, then {@code COPY … FROM} into {@code LIKE device_event INCLUDING ALL}, timed
     * {@code ingest.copyRuns} times (3) into an emptied table; the median counts (one run varied by ±20 %).
     */
    private double measureCopy() throws Exception {
        Path file = Procs.OUT.resolve("ingest-rows.tsv").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Procs.psql(DB, "DROP TABLE IF EXISTS device_event_copy");
        Procs.psql(DB, "CREATE TABLE device_event_copy (LIKE device_event INCLUDING ALL)");
        psqlScript("\\copy (SELECT " + COLUMNS + " FROM device_event WHERE source IN ('SSE', 'WEBHOOK') ORDER BY id)"
                + " TO '" + file + "'");
        long rows = Files.lines(file).count();
        List<Double> runs = new ArrayList<>();
        for (int run = 0; run < Integer.getInteger("ingest.copyRuns", 3); run++) {
            Procs.psql(DB, "TRUNCATE device_event_copy");
            String out = psqlScript("\\timing on\n\\copy device_event_copy (" + COLUMNS + ") FROM '" + file + "'");
            Matcher m = Pattern.compile("Time: ([0-9.]+) ms").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no timing in psql's output: " + out);
            }
            runs.add(Double.parseDouble(m.group(1)) / 1000);
        }
        List<Double> sorted = new ArrayList<>(runs);
        java.util.Collections.sort(sorted);
        double seconds = sorted.get(sorted.size() / 2);
        figure("copy_rows", rows);
        figure("copy_seconds_runs", runs.stream().map(r -> String.format("%.3f", r)).toList());
        figure("copy_seconds", String.format("%.3f", seconds));
        figure("copy_rows_per_second", String.format("%.0f", rows / seconds));
        return rows / seconds;
    }

    private static String psqlScript(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", DB, "-v", "ON_ERROR_STOP=1")
            .redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String> deviceIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 1; ids.size() < devices; page++) {
            List<Object> batch = (List<Object>) Json.at(Json.parse(sim.ok("/sim/devices?perPage=1000&page=" + page)),
                    "devices");
            if (batch == null || batch.isEmpty()) {
                break;
            }
            batch.forEach(d -> ids.add(((Map<String, Object>) d).get("id").toString()));
        }
        return ids;
    }

    private static long count(String source) throws Exception {
        return Long.parseLong(value("SELECT count(*) FROM device_event WHERE source = '" + source + "'"));
    }

    private static long commits() throws Exception {
        return Long.parseLong(value("SELECT xact_commit FROM pg_stat_database WHERE datname = '" + DB + "'"));
    }

    private static String value(String sql) throws Exception {
        return Procs.psqlValue(DB, sql);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
