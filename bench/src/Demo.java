import java.util.List;

/**
 * Demo-scale wall clock: a rollout of {@code demo.devices} (10,000) with the simulator's default (realistic)
 * timings and stream realism, everything time-scaled by {@code demo.timeScale} (30): the simulator's durations, the
 * policy's durations (soak 5 min, verify 2 min, safe-mode silence 10 min and the default step timeouts, all ÷ 30)
 * and the Particle rate limit
 * (10,000 requests per 5 min ÷ 30 = per 10 s, service and simulator alike). Prints the wall clock from start to the
 * end and the share of it during which the service itself was the bottleneck:
 * <ul>
 * <li>per batch, its duration minus its slowest device's own time (command sent → the device's last event as
 * published by the simulator, plus the verification period; at most until its terminal state): the time the batch
 * would not have taken with an infinitely fast service (dispatch queue, outbox and rate-limiter waits, event intake
 * lag, tick lag noticing the last device);</li>
 * <li>plus the gaps between one batch's end and the next one's start beyond the policy's soak (tick lag), and the
 * time from start to the first batch.</li>
 * </ul>
 * The rest is time spent waiting on simulated devices, verification and soak.
 */
public final class Demo {

    private static final String DB = System.getProperty("demo.db", "fleetota_bench_demo");

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("demo.devices", 10_000);
        int scale = Integer.getInteger("demo.timeScale", 30);
        long soakMs = 300_000L / scale;
        String policy = """
                {"batches": {"canarySize": 20, "batchSize": 200, "growthFactor": 2, "maxBatchSize": 2000,
                             "soak": "PT%.3fS", "approvalAfterCanary": false},
                 "safety": {"safeModeSilence": "PT%.3fS", "verifyPeriod": "PT%.3fS", "maxFailuresPerBatch": 1000,
                            "requestTimeout": "PT%.3fS", "flashStartTimeout": "PT%.3fS", "flashTimeout": "PT%.3fS",
                            "safeModeMaxDuration": "PT%.3fS", "onlineAfterResetTimeout": "PT%.3fS"},
                 "preflight": {"maxLastHeardAge": "PT24H"}}
                """.formatted(soakMs / 1000.0, 600.0 / scale, 120.0 / scale, 600.0 / scale, 300.0 / scale,
                900.0 / scale, 2700.0 / scale, 600.0 / scale);
        int window = Math.max(1, 300 / scale);
        String jdbc = Procs.freshDatabase(DB);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        Process simProc = Procs.simulator(simPort, devices, scale, "--rate-limit=10000",
                "--rate-window-seconds=" + window, "--sse-opens=100000");
        Process service = null;
        try {
            service = Bench.service("demo", apiPort, jdbc, simPort, List.of("-Xmx1g", "-Xlog:disable"),
                    "--fleetota.particle.rate-limit.requests=10000",
                    "--fleetota.particle.rate-limit.requests-period=PT" + window + "S");
            Http api = new Http("http://127.0.0.1:" + apiPort, Procs.ADMIN_TOKEN);
            Bench.figure("load_at_start", Bench.load());
            Bench.figure("demo_devices", devices + ", time scale " + scale + ", policy " + policy.replaceAll("\\s+", " "));
            long id = Bench.createRollout(api, policy);
            long t0 = System.nanoTime();
            api.okPost("/api/v1/rollouts/" + id + "/start", "");
            Object started = Json.parse(api.ok("/api/v1/rollouts/" + id));
            Bench.figure("rollout_devices", Json.num(started, "progress.total") + " in "
                    + Json.num(started, "totalBatches") + " batches");
            long haltedMs = 0;
            int halts = 0;
            long end = System.currentTimeMillis() + Long.getLong("demo.timeoutSeconds", 3600) * 1000;
            String status = "RUNNING";
            while (System.currentTimeMillis() < end) {
                Thread.sleep(1000);
                status = Fleet.status(api, id);
                if ("HALTED".equals(status)) {
                    halts++;
                    long h = System.currentTimeMillis();
                    System.out.println("halt: " + Procs.psqlValue(DB, "SELECT halt_reason FROM rollout WHERE id = " + id));
                    api.okPost("/api/v1/rollouts/" + id + "/resume", "");
                    haltedMs += System.currentTimeMillis() - h + 500;
                }
                else if (!"RUNNING".equals(status) && !"WAITING".equals(status)) {
                    break;
                }
            }
            Bench.figure("demo_status", status + " (" + halts + " halts resumed by the harness)");
            Bench.figure("demo_wall_clock_seconds", Bench.secs(t0));
            String[] r = Procs.psqlValue(DB, """
                    WITH b AS (
                        SELECT rb.number, rb.started_at, rb.finished_at,
                               (SELECT max(least(du.finished_at, coalesce(
                                           (SELECT max(e.published_at) FROM device_event e
                                            WHERE e.device_id = du.device_id AND e.published_at >= fc.sent_at
                                              AND e.published_at <= du.finished_at),
                                           du.finished_at) + interval '%d milliseconds') - fc.sent_at)
                                FROM device_update du
                                JOIN flash_command fc ON fc.device_update_id = du.id
                                WHERE du.rollout_id = rb.rollout_id AND du.batch_number = rb.number
                                  AND fc.sent_at IS NOT NULL) AS longest,
                               lead(rb.started_at) OVER (ORDER BY rb.number) AS next_start
                        FROM rollout_batch rb WHERE rb.rollout_id = %d)
                    SELECT extract(epoch FROM (SELECT finished_at - started_at FROM rollout WHERE id = %d)),
                           extract(epoch FROM (SELECT min(started_at) FROM b)
                                              - (SELECT started_at FROM rollout WHERE id = %d)),
                           extract(epoch FROM sum(greatest(interval '0',
                                   (finished_at - started_at) - coalesce(longest, interval '0')))),
                           extract(epoch FROM sum(coalesce(next_start - finished_at, interval '0'))),
                           count(next_start),
                           extract(epoch FROM sum(coalesce(longest, interval '0')))
                    FROM b""".formatted(120_000L / scale, id, id, id)).split("\\|");
            double wall = Double.parseDouble(r[0]);
            double startLag = Double.parseDouble(r[1]);
            double batchExcess = Double.parseDouble(r[2]);
            double gaps = Double.parseDouble(r[3]);
            double soak = Long.parseLong(r[4]) * soakMs / 1000.0;
            double tickLag = Math.max(0, gaps - soak);
            double serviceBound = startLag + batchExcess + tickLag;
            Bench.figure("demo_rollout_started_to_finished_seconds", String.format("%.1f", wall));
            Bench.figure("demo_halted_seconds_included", String.format("%.1f", haltedMs / 1000.0));
            Bench.figure("demo_slowest_device_per_batch_sum_seconds", String.format("%.1f", Double.parseDouble(r[5])));
            Bench.figure("demo_soak_seconds", String.format("%.1f", soak));
            Bench.figure("demo_service_bound_seconds", String.format(
                    "%.1f (batch excess over slowest device %.1f, tick lag between batches %.1f, start %.1f)",
                    serviceBound, batchExcess, tickLag, startLag));
            Bench.figure("demo_service_bound_share_percent", String.format("%.1f", 100 * serviceBound / wall));
            Bench.figure("demo_per_device_seconds_avg", Procs.psqlValue(DB, """
                    SELECT 'batch open -> command sent ' || round(avg(extract(epoch FROM fc.sent_at - rb.started_at)), 2)
                        || ', queued -> sent (outbox) ' || round(avg(extract(epoch FROM fc.sent_at - fc.created_at)), 2)
                        || ', sent -> terminal (device + verify) '
                        || round(avg(extract(epoch FROM du.finished_at - fc.sent_at)), 2)
                    FROM device_update du JOIN flash_command fc ON fc.device_update_id = du.id
                    JOIN rollout_batch rb ON rb.rollout_id = du.rollout_id AND rb.number = du.batch_number
                    WHERE du.rollout_id = %d AND fc.sent_at IS NOT NULL""".formatted(id)));
            Bench.figure("demo_event_intake_lag_seconds", Procs.psqlValue(DB, """
                    SELECT 'avg ' || round(avg(extract(epoch FROM received_at - published_at)), 2) || ', p99 '
                        || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM received_at
                            - published_at))::numeric, 2) || ', max '
                        || round(max(extract(epoch FROM received_at - published_at)), 2)
                    FROM device_event WHERE published_at IS NOT NULL"""));
            Bench.figure("demo_final_counts", Json.at(Json.parse(api.ok("/api/v1/rollouts/" + id)), "progress.byState"));
            Bench.figure("demo_unsuccessful_by_reason", Procs.psqlValue(DB, """
                    SELECT string_agg(state || ' ' || coalesce(reason, '-') || ': ' || n, '; ' ORDER BY n DESC)
                    FROM (SELECT state, left(reason, 60) AS reason, count(*) AS n FROM device_update
                          WHERE state <> 'SUCCEEDED' GROUP BY 1, 2) r"""));
            Bench.figure("load_at_end", Bench.load());
        }
        finally {
            Procs.stop(service);
            Procs.stop(simProc);
            if (!Boolean.getBoolean("demo.keepDatabase")) { // -Ddemo.keepDatabase=true: look at it afterwards
                Procs.dropDatabase(DB);
            }
        }
    }

}
