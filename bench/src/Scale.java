import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale figures for one fleet size ({@code scale.devices}): device sync, rollout creation, plan and start times,
 * injected silent-in-safe-mode halts and their latency, GET rollout p99 under wrk, Particle calls per updated device,
 * heap after a full GC. Prints one {@code FIGURE name value} line per figure.
 */
public final class Scale {

    private static final String POLICY = """
            {"batches": {"canarySize": 20, "batchSize": 500, "growthFactor": 2, "maxBatchSize": 5000,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "PT3S", "verifyPeriod": "PT1S", "maxFailuresPerBatch": 1000},
             "preflight": {"maxLastHeardAge": "PT24H"}}
            """;

    /** Every field: the simulator's fault body rejects missing booleans (null into boolean). */
    private static final String STUCK = """
            {"flashFails": false, "neverStarts": false, "powerLossInSafeMode": false, "healerLoop": false,
             "healerStuck": true, "comesBackOld": false, "offlineAtNight": false, "linkSlowdown": 1,
             "functionTimeout": false}""";

    private final int devices = Integer.getInteger("scale.devices", 1000);

    private final int halts = Integer.getInteger("scale.halts", 20);

    private final int wrkSeconds = Integer.getInteger("scale.wrkSeconds", 15);

    private Http api;

    private Http sim;

    private long id;

    public static void main(String[] args) throws Exception {
        new Scale().run();
    }

    private static void figure(String name, Object value) {
        System.out.println("FIGURE " + name + " " + value);
    }

    private void run() throws Exception {
        String db = "fleetota_bench_scale";
        String jdbc = Procs.freshDatabase(db);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        Process simProc = Procs.simulator(simPort, devices, 100, "--strict", "--rate-limit=100000000",
                "--sse-opens=100000", "--timeline=0", "--http-threads=4");
        Process service = null;
        try {
            service = Procs.service("scale", apiPort, jdbc, simPort, List.of("-Xmx2g", "-Xlog:disable"));
            api = new Http("http://127.0.0.1:" + apiPort, Procs.ADMIN_TOKEN);
            sim = new Http("http://127.0.0.1:" + simPort, null);
            figure("devices", devices);
            measureCreation();
            long requests0 = particleRequests(Json.parse(sim.ok("/sim/stats")));
            long started = System.currentTimeMillis();
            injectHalts();
            measureApiUnderLoad(apiPort);
            Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
            Object stats = Json.parse(sim.ok("/sim/stats"));
            long updated = Json.num(rollout, "progress.succeeded") + Json.num(rollout, "progress.failed");
            figure("rollout_seconds_measured", (System.currentTimeMillis() - started) / 1000);
            figure("devices_updated", updated);
            long calls = particleRequests(stats) - requests0;
            figure("particle_requests_during_rollout", calls);
            figure("particle_calls_per_updated_device",
                    String.format("%.2f", calls / (double) Math.max(1, updated)));
            figure("particle_requests_by_route", Json.at(stats, "requestsByRoute"));
            figure("heap_after_full_gc_mb", heapAfterFullGc(service.pid()));
        }
        finally {
            Procs.stop(service);
            Procs.stop(simProc);
            Procs.dropDatabase(db);
        }
    }

    /** Requests to Particle routes (the simulator's own /sim admin routes left out). */
    @SuppressWarnings("unchecked")
    private static long particleRequests(Object stats) {
        Map<String, Object> routes = (Map<String, Object>) Json.at(stats, "requestsByRoute");
        return routes.entrySet().stream().filter(e -> !e.getKey().startsWith("sim."))
            .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    }

    private void measureCreation() throws Exception {
        long t = System.nanoTime();
        api.okPost("/api/v1/devices/sync", "");
        figure("sync_seconds", secs(t));
        figure("devices_in_table", Procs.psqlValue("fleetota_bench_scale", "SELECT count(*) FROM device"));
        long firmware = Json.num(Json.parse(api.okPost("/api/v1/firmware", """
                {"productId": 30301, "version": 4, "deviceOsVersion": "6.1.1", "platformIds": %s, "title": "v4"}
                """.formatted(Fleet.PLATFORMS))), "id");
        t = System.nanoTime();
        long cohort = Json.num(Json.parse(api.okPost("/api/v1/cohorts", """
                {"name": "scale", "selector": {"platformIds": %s}}""".formatted(Fleet.PLATFORMS))), "id");
        figure("create_cohort_seconds", secs(t));
        t = System.nanoTime();
        id = Json.num(Json.parse(api.okPost("/api/v1/rollouts", """
                {"name": "scale", "firmwareId": %d, "cohortIds": [%d], "policy": %s}
                """.formatted(firmware, cohort, POLICY))), "id");
        figure("create_rollout_seconds", secs(t));
        t = System.nanoTime();
        String plan = api.ok("/api/v1/rollouts/" + id + "/plan");
        figure("plan_seconds", secs(t));
        figure("plan_bytes", plan.length());
        t = System.nanoTime();
        api.okPost("/api/v1/rollouts/" + id + "/start", "");
        figure("start_seconds", secs(t));
        Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
        figure("rollout_devices", Json.num(rollout, "progress.total"));
        figure("batches", Json.num(rollout, "totalBatches"));
    }

    /** Gives a pending device of the current batch the healerStuck fault, waits for the halt, resumes. */
    private void injectHalts() throws Exception {
        List<Long> latencies = new ArrayList<>();
        long flashesAfterHalt = 0;
        long deadline = System.currentTimeMillis() + 60_000L * Math.max(1, halts / 4 + 1);
        for (int attempt = 0; latencies.size() < halts && attempt < halts * 3
                && System.currentTimeMillis() < deadline; attempt++) {
            String device = pendingDevice();
            if (device == null) {
                Thread.sleep(500);
                continue;
            }
            sim.okPost("/sim/devices/" + device + "/faults", STUCK);
            Object halted = awaitHalt(20_000);
            if (halted == null) {
                continue;
            }
            long flashesAtHalt = Json.num(Json.parse(sim.ok("/sim/stats")), "flashCommands");
            latencies.add(java.time.Duration.between(java.time.Instant.parse(Json.str(halted, "haltReason.conditionAt")),
                    java.time.Instant.parse(Json.str(halted, "haltReason.decidedAt"))).toMillis());
            Thread.sleep(1000);
            flashesAfterHalt += Json.num(Json.parse(sim.ok("/sim/stats")), "flashCommands") - flashesAtHalt;
            api.okPost("/api/v1/rollouts/" + id + "/resume", "");
        }
        Collections.sort(latencies);
        figure("halts_injected", latencies.size());
        if (!latencies.isEmpty()) {
            figure("halt_latency_ms_p50", latencies.get((latencies.size() - 1) / 2));
            figure("halt_latency_ms_p99", latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
            figure("halt_latency_ms_max", latencies.get(latencies.size() - 1));
            figure("halt_latency_ms_all", latencies);
        }
        figure("flash_commands_in_1s_after_halts", flashesAfterHalt);
        figure("halt_latency_metric", prometheus("fleetota_rollout_halt_latency"));
    }

    @SuppressWarnings("unchecked")
    private String pendingDevice() throws Exception {
        Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
        if (!"RUNNING".equals(Json.str(rollout, "status")) && !"WAITING".equals(Json.str(rollout, "status"))) {
            return null;
        }
        long batch = Json.num(rollout, "currentBatch");
        for (long b = batch; b <= batch + 1; b++) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) Json.at(Json.parse(api.ok(
                    "/api/v1/rollouts/" + id + "/devices?state=PENDING&size=200&batch=" + b)), "items");
            for (Map<String, Object> item : items) {
                Object os = item.get("fromDeviceOs");
                if (os != null && Fleet.compareVersions(os.toString(), "6.1.1") < 0) {
                    return (String) item.get("deviceId");
                }
            }
        }
        return null;
    }

    private Object awaitHalt(long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
            if ("HALTED".equals(Json.str(rollout, "status"))) {
                return rollout;
            }
            Thread.sleep(100);
        }
        return null;
    }

    private String prometheus(String prefix) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : api.ok("/actuator/prometheus").split("\n")) {
            if (line.startsWith(prefix)) {
                b.append(line).append("; ");
            }
        }
        return b.toString();
    }

    private void measureApiUnderLoad(int port) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + wrkSeconds + "s", "--latency", "-H",
                "Authorization: Bearer " + Procs.ADMIN_TOKEN, "http://127.0.0.1:" + port + "/api/v1/rollouts/" + id)
            .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor();
        Matcher p99 = Pattern.compile("99%\\s+(\\S+)").matcher(out);
        Matcher p50 = Pattern.compile("50%\\s+(\\S+)").matcher(out);
        Matcher rps = Pattern.compile("Requests/sec:\\s+(\\S+)").matcher(out);
        figure("get_rollout_status_during_wrk", Fleet.status(api, id));
        figure("get_rollout_p50", p50.find() ? p50.group(1) : "?");
        figure("get_rollout_p99", p99.find() ? p99.group(1) : "?");
        figure("get_rollout_requests_per_second", rps.find() ? rps.group(1) : "?");
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(out);
        figure("get_rollout_non_2xx", non2xx.find() ? non2xx.group(1) : "0");
    }

    private static String heapAfterFullGc(long pid) throws Exception {
        run("jcmd", String.valueOf(pid), "GC.run");
        run("jcmd", String.valueOf(pid), "GC.run");
        String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? String.format("%.1f", Long.parseLong(m.group(1)) / 1024.0) : info;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String secs(long startNanos) {
        return String.format("%.2f", (System.nanoTime() - startNanos) / 1e9);
    }

}
