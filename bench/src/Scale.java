import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scale figures for one fleet size ({@code scale.devices}): device sync, rollout creation, plan and start times;
 * a throughput window (service CPU seconds per 1,000 device updates, database transactions per device update);
 * {@code GET /rollouts/{id}} under wrk while the rollout runs; injected halts (silent in safe mode and failure
 * threshold) with their latency and the flash commands after each; Particle calls per updated device; heap after a
 * full GC. Prints one {@code FIGURE name value} line per figure.
 */
public final class Scale {

    static final String DB = System.getProperty("scale.db", "fleetota_bench_scale");

    private final int devices = Integer.getInteger("scale.devices", 1000);

    private final int halts = Integer.getInteger("scale.halts", 20);

    private final int windowSeconds = Integer.getInteger("scale.window", 60);

    private final int wrkSeconds = Integer.getInteger("scale.wrkSeconds", 15);

    private final int wrkWarmupSeconds = Integer.getInteger("scale.wrkWarmupSeconds", 10);

    private final String silence = System.getProperty("scale.silence", "PT10S");

    private final double timeScale = Double.parseDouble(System.getProperty("scale.timeScale", "100"));

    /** Generous silence so a loaded machine gives no false verdicts; 0 failures allowed, so one flashFails halts. */
    private final String policy = """
            {"batches": {"canarySize": 20, "batchSize": 500, "growthFactor": 2, "maxBatchSize": 5000,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "%s", "verifyPeriod": "PT1S", "maxFailuresPerBatch": 0},
             "preflight": {"maxLastHeardAge": "PT24H"}}
            """.formatted(silence);

    private Http api;

    private Http sim;

    private long id;

    private Process service;

    private Process simProc;

    /** The engine's tick timer in Prometheus ({@code fleetota.rollout.tick}). */
    private static final String TICKS = "fleetota_rollout_tick_seconds";

    private int unexpectedHalts;

    public static void main(String[] args) throws Exception {
        new Scale().run();
    }

    private void run() throws Exception {
        String jdbc = Procs.freshDatabase(DB);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        simProc = Procs.simulator(simPort, devices, timeScale, "--strict", "--rate-limit=100000000",
                "--sse-opens=100000", "--timeline=0", "--http-threads=4");
        try {
            // the client-side Particle limit raised too: this measures the service, not the Particle budget
            service = Bench.service("scale", apiPort, jdbc, simPort, List.of("-Xmx2g", "-Xlog:disable"),
                    "--fleetota.particle.rate-limit.requests=100000000");
            api = new Http("http://127.0.0.1:" + apiPort, Procs.ADMIN_TOKEN);
            sim = new Http("http://127.0.0.1:" + simPort, null);
            Bench.figure("devices", devices);
            Bench.figure("load_at_start", Bench.load());
            // a machine fact that changes what the database does in a run: without autovacuum, no table is
            // vacuumed or analyzed during it (dead rows stay in indexes; statistics only from explicit ANALYZEs)
            Bench.figure("postgres_autovacuum", Procs.psqlValue("postgres", "SHOW autovacuum"));
            measureCreation();
            long requests0 = Bench.particleRequests(Json.parse(sim.ok("/sim/stats")));
            long started = System.currentTimeMillis();
            measureThroughput();
            measureApiUnderLoad(apiPort);
            injectHalts();
            Object stats = Json.parse(sim.ok("/sim/stats"));
            long[] done = Bench.terminalUpdates(DB, id);
            Bench.figure("rollout_seconds_measured", (System.currentTimeMillis() - started) / 1000);
            Bench.figure("devices_updated_not_skipped", done[1]);
            long calls = Bench.particleRequests(stats) - requests0;
            Bench.figure("particle_requests_during_rollout", calls);
            Bench.figure("particle_calls_per_updated_device",
                    String.format("%.2f", calls / (double) Math.max(1, done[1])));
            Bench.figure("particle_requests_by_route", Json.at(stats, "requestsByRoute"));
            // the live set includes in-flight work (queued events, HTTP buffers, devices being verified), which
            // varies from one instant to the next: three samples 2 s apart, the smallest is the figure
            List<Double> heap = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    Thread.sleep(2000);
                }
                heap.add(Double.parseDouble(Bench.heapAfterFullGc(service.pid())));
            }
            Bench.figure("heap_after_full_gc_mb", String.format("%.1f", java.util.Collections.min(heap)));
            Bench.figure("heap_after_full_gc_mb_samples", heap);
            if (Boolean.getBoolean("scale.histogram")) {
                java.nio.file.Files.writeString(Procs.OUT.resolve("scale-" + devices + "-histogram.txt"),
                        Bench.run("jcmd", String.valueOf(service.pid()), "GC.class_histogram"));
            }
            Bench.figure("load_at_end", Bench.load());
        }
        finally {
            Procs.stop(service);
            Procs.stop(simProc);
            if (!Boolean.getBoolean("scale.keepDatabase")) { // kept: to look at plans and tables afterwards
                Procs.dropDatabase(DB);
            }
        }
    }

    private void measureCreation() throws Exception {
        Bench.figure("sync_seconds", Bench.syncDevices(api));
        Bench.figure("devices_in_table", Procs.psqlValue(DB, "SELECT count(*) FROM device"));
        long firmware = Json.num(Json.parse(api.okPost("/api/v1/firmware", """
                {"productId": 30301, "version": 4, "deviceOsVersion": "6.1.1", "platformIds": %s, "title": "v4"}
                """.formatted(Fleet.PLATFORMS))), "id");
        long t = System.nanoTime();
        long cohort = Json.num(Json.parse(api.okPost("/api/v1/cohorts", """
                {"name": "scale", "selector": {"platformIds": %s}}""".formatted(Fleet.PLATFORMS))), "id");
        Bench.figure("create_cohort_seconds", Bench.secs(t));
        t = System.nanoTime();
        id = Json.num(Json.parse(api.okPost("/api/v1/rollouts", """
                {"name": "scale", "firmwareId": %d, "cohortIds": [%d], "policy": %s}
                """.formatted(firmware, cohort, policy))), "id");
        Bench.figure("create_rollout_seconds", Bench.secs(t));
        t = System.nanoTime();
        String plan = api.ok("/api/v1/rollouts/" + id + "/plan");
        Bench.figure("plan_seconds", Bench.secs(t));
        Bench.figure("plan_bytes", plan.length());
        t = System.nanoTime();
        api.okPost("/api/v1/rollouts/" + id + "/start", "");
        Bench.figure("start_seconds", Bench.secs(t));
        Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
        Bench.figure("rollout_devices", Json.num(rollout, "progress.total"));
        Bench.figure("batches", Json.num(rollout, "totalBatches"));
    }

    /**
     * Service CPU and database transactions over {@code scale.windows} consecutive windows (default 2) in which
     * devices complete, each printed with its number: the first starts once the first devices have finished, while
     * the JIT compiler is still busy (its share is in {@code service_cpu_by_thread}); the later ones show the warm
     * service. A device update is counted when its device_update row reaches a terminal state (SKIPPED included;
     * the non-skipped count is printed too). A window ends after {@code scale.window} seconds or when the rollout
     * ends. The harness itself reads the database with psql here (about one transaction per 2 s).
     */
    private void measureThroughput() throws Exception {
        long end = System.currentTimeMillis() + 120_000;
        while (Bench.terminalUpdates(DB, id)[1] == 0 && System.currentTimeMillis() < end) {
            Thread.sleep(500);
        }
        String status = "RUNNING";
        for (int w = 1; w <= Integer.getInteger("scale.windows", 2) && isActive(status); w++) {
            status = measureWindow("w" + w + "_");
        }
    }

    private static boolean isActive(String status) {
        return "RUNNING".equals(status) || "WAITING".equals(status);
    }

    private String measureWindow(String prefix) throws Exception {
        double cpu0 = Bench.cpuSeconds(service);
        double simCpu0 = Bench.cpuSeconds(simProc);
        double pgCpu0 = ThreadCpu.postgresSeconds();
        int halts0 = unexpectedHalts;
        ThreadCpu threads0 = ThreadCpu.snapshot(service.pid());
        Runnable profile = Bench.profile(service.pid(), "scale-" + prefix + "window");
        long tx0 = Bench.transactions(DB);
        long[] done0 = Bench.terminalUpdates(DB, id);
        String page0 = Bench.scrape(api);
        long t0 = System.nanoTime();
        long until = System.currentTimeMillis() + windowSeconds * 1000L;
        String status = "RUNNING";
        while (System.currentTimeMillis() < until) {
            Thread.sleep(2000);
            status = Procs.psqlValue(DB, "SELECT status FROM rollout WHERE id = " + id);
            if ("HALTED".equals(status)) {
                unexpectedHalts++;
                System.out.println("unexpected halt during the throughput window: "
                        + Procs.psqlValue(DB, "SELECT halt_reason FROM rollout WHERE id = " + id));
                api.okPost("/api/v1/rollouts/" + id + "/resume", "");
            }
            else if (!isActive(status)) {
                break;
            }
        }
        Thread.sleep(1500); // pg_stat_database is flushed by each backend at most once a second
        double cpu = Bench.cpuSeconds(service) - cpu0;
        double simCpu = Bench.cpuSeconds(simProc) - simCpu0;
        double pgCpu = ThreadCpu.postgresSeconds() - pgCpu0;
        String byThread = ThreadCpu.snapshot(service.pid()).since(threads0, 12);
        profile.run();
        long tx = Bench.transactions(DB) - tx0;
        long[] done1 = Bench.terminalUpdates(DB, id);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long updated = done1[0] - done0[0];
        Bench.figure(prefix + "throughput_window_seconds", String.format("%.1f", seconds));
        Bench.figure(prefix + "throughput_status_at_end", status);
        Bench.figure(prefix + "throughput_unexpected_halts", unexpectedHalts - halts0);
        Bench.figure(prefix + "throughput_device_updates_terminal",
                updated + " (not skipped: " + (done1[1] - done0[1]) + ")");
        Bench.figure(prefix + "throughput_device_updates_per_second", String.format("%.1f", updated / seconds));
        Bench.figure(prefix + "service_cpu_seconds", String.format("%.1f", cpu));
        Bench.figure(prefix + "service_cpu_seconds_per_1000_updates",
                String.format("%.2f", cpu * 1000 / Math.max(1, updated)));
        Bench.figure(prefix + "service_cpu_by_thread", byThread);
        // the machine's other busy processes in the same window: is it saturated (2 cores = 2 s per second)?
        Bench.figure(prefix + "postgres_cpu_seconds_per_1000_updates",
                String.format("%.2f", pgCpu * 1000 / Math.max(1, updated)));
        Bench.figure(prefix + "simulator_cpu_seconds_per_1000_updates",
                String.format("%.2f", simCpu * 1000 / Math.max(1, updated)));
        Bench.figure(prefix + "cores_busy_service_postgres_simulator", String.format("%.2f %.2f %.2f",
                cpu / seconds, pgCpu / seconds, simCpu / seconds));
        Bench.figure(prefix + "db_transactions", tx);
        Bench.figure(prefix + "db_transactions_per_device_update",
                String.format("%.1f", tx / (double) Math.max(1, updated)));
        String page = Bench.scrape(api);
        double ticks = Bench.metric(page, TICKS + "_count") - Bench.metric(page0, TICKS + "_count");
        Bench.figure(prefix + "engine_ticks_mean_ms_recent_max_ms", String.format("%.1f / %.0f",
                (Bench.metric(page, TICKS + "_sum") - Bench.metric(page0, TICKS + "_sum")) * 1000 / Math.max(1, ticks),
                Bench.metric(page, TICKS + "_max") * 1000));
        double[] intake0 = Bench.intakeBatches(page0);
        double[] intake = Bench.intakeBatches(page);
        double batches = intake[0] - intake0[0];
        double events = intake[1] - intake0[1];
        Bench.figure(prefix + "intake_events_per_device_update", String.format("%.1f", events / Math.max(1, updated)));
        Bench.figure(prefix + "intake_events_per_batch", String.format("%.1f", events / Math.max(1, batches)));
        Bench.figure(prefix + "intake_ms_per_batch", String.format("%.2f", (intake[2] - intake0[2]) * 1000
                / Math.max(1, batches)));
        return status;
    }

    /**
     * wrk on {@code GET /rollouts/{id}} while the rollout runs: a false silent-in-safe-mode halt on a loaded machine
     * is resumed at once (checked every second), and the share of checks that saw it RUNNING is printed.
     */
    private void measureApiUnderLoad(int port) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Map<String, Integer> seen = new java.util.concurrent.ConcurrentHashMap<>();
        Thread keeper = new Thread(() -> {
            while (!done.get()) {
                try {
                    String s = Procs.psqlValue(DB, "SELECT status FROM rollout WHERE id = " + id);
                    seen.merge(s, 1, Integer::sum);
                    if ("HALTED".equals(s)) {
                        api.okPost("/api/v1/rollouts/" + id + "/resume", "");
                    }
                    Thread.sleep(1000);
                }
                catch (Exception ex) {
                    return;
                }
            }
        });
        keeper.start();
        try {
            if (wrkWarmupSeconds > 0) { // the web path's JIT compilation, not counted (printed apart)
                Bench.wrk("get_rollout_warmup", "http://127.0.0.1:" + port + "/api/v1/rollouts/" + id,
                        wrkWarmupSeconds, 16);
            }
            Runnable profile = Bench.profile(service.pid(), "scale-wrk");
            ThreadCpu threads0 = ThreadCpu.snapshot(service.pid());
            Bench.wrk("get_rollout", "http://127.0.0.1:" + port + "/api/v1/rollouts/" + id, wrkSeconds, 16);
            Bench.figure("get_rollout_service_cpu_by_thread", ThreadCpu.snapshot(service.pid()).since(threads0, 8));
            profile.run();
        }
        finally {
            done.set(true);
            keeper.join();
        }
        Bench.figure("get_rollout_status_seen_during_wrk", seen + " (each HALTED resumed at once)");
    }

    private record Halt(String rule, long decidedMs, long observedMs, long flashesAfter) {
    }

    /**
     * Injections alternate: a device stuck in safe mode (healerStuck: silent until safeModeSilence passes), half a
     * failure-threshold breach (flashFails with 0 failures allowed). Each: inject, wait for HALTED, count the
     * simulator's flash commands over the next 3 s, resume.
     */
    private void injectHalts() throws Exception {
        List<Halt> samples = new ArrayList<>();
        long silenceMs = Duration.parse(silence).toMillis();
        int injected = 0;
        long deadline = System.currentTimeMillis() + (silenceMs + 30_000L) * halts;
        for (int attempt = 0; samples.size() < halts && attempt < halts * 3
                && System.currentTimeMillis() < deadline; attempt++) {
            String device = pendingDevice();
            if (device == null) {
                String s = Fleet.status(api, id);
                if (s.equals("HALTED")) {
                    api.okPost("/api/v1/rollouts/" + id + "/resume", "");
                }
                if (s.equals("COMPLETED") || s.equals("CANCELLED")) {
                    break;
                }
                Thread.sleep(500);
                attempt--; // nothing injected (the deadline still bounds the loop)
                continue;
            }
            boolean silent = injected++ % 2 == 0; // alternate what is injected, whatever halted last
            sim.okPost("/sim/devices/" + device + "/faults",
                    silent ? "{\"healerStuck\": true}" : "{\"flashFails\": true}");
            Object halted = awaitHalt(silenceMs + 30_000);
            if (halted == null) {
                System.out.println("no halt after injecting into " + device);
                continue;
            }
            long observed = System.currentTimeMillis();
            long flashesAtHalt = Json.num(Json.parse(sim.ok("/sim/stats")), "flashCommands");
            Instant condition = Instant.parse(Json.str(halted, "haltReason.conditionAt"));
            Instant decided = Instant.parse(Json.str(halted, "haltReason.decidedAt"));
            Thread.sleep(3000);
            long after = Json.num(Json.parse(sim.ok("/sim/stats")), "flashCommands") - flashesAtHalt;
            Halt h = new Halt(Json.str(halted, "haltReason.rule"), Duration.between(condition, decided).toMillis(),
                    observed - condition.toEpochMilli(), after);
            System.out.println("halt " + (samples.size() + 1) + ": " + h);
            samples.add(h);
            api.okPost("/api/v1/rollouts/" + id + "/resume", "");
        }
        Bench.figure("halts_injected", samples.size());
        if (samples.isEmpty()) {
            return;
        }
        Map<String, Long> byRule = new java.util.TreeMap<>();
        samples.forEach(h -> byRule.merge(h.rule(), 1L, Long::sum));
        Bench.figure("halts_by_rule", byRule);
        List<Long> decided = samples.stream().map(Halt::decidedMs).toList();
        List<Long> observed = samples.stream().map(Halt::observedMs).toList();
        // a failure wakes the engine, but the tick in progress finishes first (Micrometer's max: the last ~2 min)
        Bench.figure("engine_tick_recent_max_ms", String.format("%.0f",
                Bench.metric(Bench.scrape(api), TICKS + "_max") * 1000));
        Bench.figure("halt_latency_ms_p50_p99_max", Bench.percentile(decided, 50) + " / "
                + Bench.percentile(decided, 99) + " / " + Bench.percentile(decided, 100));
        Bench.figure("halt_latency_ms_all", decided.stream().sorted().toList());
        Bench.figure("halt_seen_by_api_ms_p50_p99_max", Bench.percentile(observed, 50) + " / "
                + Bench.percentile(observed, 99) + " / " + Bench.percentile(observed, 100));
        Bench.figure("flash_commands_in_3s_after_halts", samples.stream().mapToLong(Halt::flashesAfter).sum());
        Bench.figure("halt_latency_metric", Bench.prometheus(api, "fleetota_rollout_halt_latency"));
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
            Thread.sleep(50);
        }
        return null;
    }

}
