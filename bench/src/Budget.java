import java.util.List;

/**
 * Particle budget: a fleet large enough to keep the service's client-side rate limiter saturated, the simulator
 * limiting the same way (Particle documents 10,000 requests per 5 minutes per IP; here both are configured with
 * {@code budget.requests} per {@code budget.windowSeconds}, default 100 per 20 s = 5/s, low enough for a loaded
 * machine's service to keep it saturated: at 33/s the service itself was the limit on the shared machine). Over a
 * window of whole rate windows inside the first full-size batch (one rate window after it opened) it prints the
 * Particle calls per second as a share of the configured limit, the share answered 429 and the Particle calls per
 * updated device.
 */
public final class Budget {

    private static final String DB = "fleetota_bench_budget";

    private static final String POLICY = """
            {"batches": {"canarySize": 50, "batchSize": 1000, "growthFactor": 2, "maxBatchSize": 5000,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "PT2M", "verifyPeriod": "PT1S", "maxFailuresPerBatch": 1000},
             "preflight": {"maxLastHeardAge": "PT24H"}}
            """;

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("budget.devices", 3000);
        int limit = Integer.getInteger("budget.requests", 100);
        int windowSeconds = Integer.getInteger("budget.windowSeconds", 20);
        int windows = Integer.getInteger("budget.windows", 4);
        String jdbc = Procs.freshDatabase(DB);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        Process simProc = Procs.simulator(simPort, devices, 100, "--strict", "--rate-limit=" + limit,
                "--rate-window-seconds=" + windowSeconds, "--sse-opens=100000", "--timeline=0");
        Process service = null;
        try {
            service = Bench.service("budget", apiPort, jdbc, simPort, List.of("-Xmx1g", "-Xlog:disable"),
                    "--fleetota.particle.rate-limit.requests=" + limit,
                    "--fleetota.particle.rate-limit.requests-period=PT" + windowSeconds + "S");
            Http api = new Http("http://127.0.0.1:" + apiPort, Procs.ADMIN_TOKEN);
            Http sim = new Http("http://127.0.0.1:" + simPort, null);
            Bench.figure("load_at_start", Bench.load());
            Bench.figure("configured_limit", limit + " requests per " + windowSeconds + " s (service and simulator)");
            long id = Bench.createRollout(api, POLICY);
            api.okPost("/api/v1/rollouts/" + id + "/start", "");
            // measure inside the first full-size batch: the canary's own wait for its devices is not budget
            // the service could use (a staged rollout is idle there by design), then skip one more rate window
            long waitUntil = System.currentTimeMillis() + 600_000;
            while (System.currentTimeMillis() < waitUntil && Long.parseLong(Procs.psqlValue(DB,
                    "SELECT count(*) FROM rollout_batch WHERE started_at IS NOT NULL AND rollout_id = " + id)) < 2) {
                Thread.sleep(250);
            }
            Thread.sleep(windowSeconds * 1000L);
            Object s0 = Json.parse(sim.ok("/sim/stats"));
            long[] done0 = Bench.terminalUpdates(DB, id);
            long t0 = System.nanoTime();
            Thread.sleep(windows * windowSeconds * 1000L);
            Object s1 = Json.parse(sim.ok("/sim/stats"));
            long[] done1 = Bench.terminalUpdates(DB, id);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long requests = Bench.particleRequests(s1) - Bench.particleRequests(s0);
            long limited = Json.num(s1, "rateLimited") - Json.num(s0, "rateLimited");
            long answered = requests - limited;
            double allowedPerSecond = limit / (double) windowSeconds;
            Bench.figure("budget_window_seconds", String.format("%.1f", seconds));
            Bench.figure("rollout_status_at_end", Fleet.status(api, id));
            Bench.figure("devices_waiting_at_end", Procs.psqlValue(DB,
                    "SELECT count(*) FROM device_update WHERE rollout_id = " + id + " AND state = 'PENDING'"));
            Bench.figure("particle_requests", requests + " (answered " + answered + ", 429 " + limited + ")");
            Bench.figure("particle_calls_per_second", String.format("%.2f (limit %.2f)", answered / seconds,
                    allowedPerSecond));
            Bench.figure("particle_budget_share_percent",
                    String.format("%.1f", 100 * answered / seconds / allowedPerSecond));
            Bench.figure("particle_429_share_percent",
                    String.format("%.2f", 100.0 * limited / Math.max(1, requests)));
            long updated = done1[1] - done0[1];
            Bench.figure("devices_updated_in_window", updated + " (terminal incl. skipped: " + (done1[0] - done0[0])
                    + ")");
            Bench.figure("particle_calls_per_updated_device",
                    String.format("%.2f", requests / (double) Math.max(1, updated)));
            Bench.figure("particle_requests_by_route", Json.at(s1, "requestsByRoute"));
            Bench.figure("service_client_metrics", Bench.prometheus(api, "particle_calls_seconds_count"));
            Bench.figure("load_at_end", Bench.load());
        }
        finally {
            Procs.stop(service);
            Procs.stop(simProc);
            Procs.dropDatabase(DB);
        }
    }

}
