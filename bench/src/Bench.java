import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Measurement helpers shared by Scale, Budget and Demo: figure lines, CPU, database counters, wrk, percentiles. */
final class Bench {

    /** Terminal device-update states: a "device update" is counted when its row reaches one of them. */
    static final String TERMINAL_SQL = "('SUCCEEDED', 'SKIPPED', 'FLASH_FAILED', 'TIMED_OUT', 'WRONG_VERSION', "
            + "'SILENT_IN_SAFE_MODE')";

    private Bench() {
    }

    /**
     * Service options every harness here adds: the connection pool size ({@code -Dbench.poolSize}, default the
     * service's 20; lower it when other runs share the local PostgreSQL's 100 connections).
     */
    private static String[] serviceOptions(String... extra) {
        String[] all = java.util.Arrays.copyOf(extra, extra.length + 1);
        all[extra.length] = "--spring.datasource.hikari.maximum-pool-size=" + Integer.getInteger("bench.poolSize", 20);
        return all;
    }

    /**
     * {@link Procs#service} with a longer start timeout ({@code -Dbench.startSeconds}, default 300: a loaded shared
     * machine took more than Procs' 120 s) and the options above.
     */
    static Process service(String name, int port, String jdbcUrl, int simPort, List<String> jvm, String... extra)
            throws Exception {
        List<String> options = new ArrayList<>(List.of(serviceOptions(extra)));
        // no periodic sync inside a measurement (its first run came 1 min after start: a 100k-device sync, 49 s
        // long, fell into the CPU window); the harness syncs once itself and reports that time
        options.add("--fleetota.sync.initial-delay=PT1H");
        List<String> cmd = Procs.serviceCommand(name, port, jdbcUrl, simPort, jvm, options.toArray(String[]::new));
        java.nio.file.Files.createDirectories(Procs.OUT);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(Procs.OUT.resolve("service-" + name + ".log").toFile()))
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        Http http = new Http("http://127.0.0.1:" + port, Procs.ADMIN_TOKEN);
        Procs.waitUntil(p, () -> http.get("/api/v1/rollouts").status() == 200,
                Integer.getInteger("bench.startSeconds", 300) * 1000L, "service " + name);
        return p;
    }

    static void figure(String name, Object value) {
        System.out.println("FIGURE " + name + " " + value);
    }

    /** User + system CPU time of a child process so far (Linux: /proc/pid/stat), in seconds. */
    static double cpuSeconds(Process p) {
        return p.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    /** Committed + rolled-back transactions of one database so far (pg_stat_database; flushed within ~1 s). */
    static long transactions(String db) throws Exception {
        return Long.parseLong(Procs.psqlValue("postgres",
                "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '" + db + "'"));
    }

    /** Device updates of a rollout in a terminal state: all, and those that were not skipped. */
    static long[] terminalUpdates(String db, long rolloutId) throws Exception {
        String[] v = Procs.psqlValue(db, "SELECT count(*), count(*) FILTER (WHERE state <> 'SKIPPED') "
                + "FROM device_update WHERE rollout_id = " + rolloutId + " AND state IN " + TERMINAL_SQL).split("\\|");
        return new long[] {Long.parseLong(v[0]), Long.parseLong(v[1])};
    }

    /** Requests to Particle routes (the simulator's own /sim admin routes left out). */
    @SuppressWarnings("unchecked")
    static long particleRequests(Object stats) {
        Map<String, Object> routes = (Map<String, Object>) Json.at(stats, "requestsByRoute");
        return routes.entrySet().stream().filter(e -> !e.getKey().startsWith("sim."))
            .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    }

    /** Nearest-rank percentile of an unsorted list. */
    static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    static String prometheus(Http api, String prefix) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : api.ok("/actuator/prometheus").split("\n")) {
            if (line.startsWith(prefix)) {
                b.append(line).append("; ");
            }
        }
        return b.toString();
    }

    /** wrk against one URL with the admin token; prints p50/p99/max/req/s and non-2xx under {@code name}. */
    static String wrk(String name, String url, int seconds, int connections) throws Exception {
        String out = run("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-H",
                "Authorization: Bearer " + Procs.ADMIN_TOKEN, url);
        figure(name + "_p50", group(out, "(?m)^\\s*50%\\s+(\\S+)", "?"));
        figure(name + "_p99", group(out, "(?m)^\\s*99%\\s+(\\S+)", "?"));
        figure(name + "_max", group(out, "Latency\\s+\\S+\\s+\\S+\\s+(\\S+)", "?"));
        figure(name + "_requests_per_second", group(out, "Requests/sec:\\s+(\\S+)", "?"));
        figure(name + "_non_2xx", group(out, "Non-2xx or 3xx responses:\\s+(\\d+)", "0"));
        return out;
    }

    /**
     * With {@code -Dscale.jfr=true}, a JFR recording (settings=profile) of the child from now until the returned
     * action runs, written to {@code target/bench/<name>.jfr}; otherwise the action does nothing.
     */
    static Runnable profile(long pid, String name) throws Exception {
        if (!Boolean.getBoolean("scale.jfr")) {
            return () -> { };
        }
        run("jcmd", String.valueOf(pid), "JFR.start", "name=" + name, "settings=profile");
        return () -> {
            try {
                run("jcmd", String.valueOf(pid), "JFR.stop", "name=" + name,
                        "filename=" + Procs.OUT.resolve(name + ".jfr").toAbsolutePath());
            }
            catch (Exception ex) {
                System.out.println("JFR " + name + " not written: " + ex);
            }
        };
    }

    static String group(String text, String regex, String otherwise) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    static String heapAfterFullGc(long pid) throws Exception {
        run("jcmd", String.valueOf(pid), "GC.run");
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? String.format("%.1f", Long.parseLong(m.group(1)) / 1024.0) : info;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    static String secs(long startNanos) {
        return String.format("%.2f", (System.nanoTime() - startNanos) / 1e9);
    }

    /**
     * {@code POST /devices/sync}, waiting while another sync runs (409: the reconnect sync right after start);
     * returns the seconds of the sync that ran for this call.
     */
    static String syncDevices(Http api) throws Exception {
        while (true) {
            long t = System.nanoTime();
            Http.Response r = api.post("/api/v1/devices/sync", "");
            if (r.status() / 100 == 2) {
                return secs(t);
            }
            if (r.status() != 409) {
                throw new IllegalStateException("device sync -> " + r.status() + " " + r.body());
            }
            Thread.sleep(500);
        }
    }

    /** Syncs devices, then firmware v4 (Device OS 6.1.1), a cohort of every Gen 3/4 device and a rollout. */
    static long createRollout(Http api, String policy) throws Exception {
        syncDevices(api);
        long firmware = Json.num(Json.parse(api.okPost("/api/v1/firmware", """
                {"productId": 30301, "version": 4, "deviceOsVersion": "6.1.1", "platformIds": %s, "title": "v4"}
                """.formatted(Fleet.PLATFORMS))), "id");
        long cohort = Json.num(Json.parse(api.okPost("/api/v1/cohorts", """
                {"name": "bench", "selector": {"platformIds": %s}}""".formatted(Fleet.PLATFORMS))), "id");
        return Json.num(Json.parse(api.okPost("/api/v1/rollouts", """
                {"name": "bench", "firmwareId": %d, "cohortIds": [%d], "policy": %s}
                """.formatted(firmware, cohort, policy))), "id");
    }

    static String load() throws Exception {
        return run("uptime").trim();
    }

    /** The service's Prometheus page, read once per snapshot; values are taken from it with {@link #metric}. */
    static String scrape(Http api) throws Exception {
        return api.get("/actuator/prometheus").body();
    }

    /**
     * The event intake writer's metrics in a scraped page: batches committed, events in them, seconds inside their
     * transactions (0s when not exported).
     */
    static double[] intakeBatches(String page) {
        return new double[] { metric(page, "fleetota_events_intake_batch_seconds_count"),
                metric(page, "fleetota_events_intake_batch_size_sum"),
                metric(page, "fleetota_events_intake_batch_seconds_sum") };
    }

    /** One value from a scraped page (the first series of that name), 0 when absent. */
    static double metric(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(text);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

}
