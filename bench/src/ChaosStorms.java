import java.util.Map;

/**
 * Scenario 4: 429 and 5xx storms from the simulator for the whole rollout (every route, and harder on lock+flash),
 * cleared once the rollout ends. The rollout must still complete (the policy tolerates failures, so a device whose
 * lock+flash was answered 5xx — outcome unknown, never resent — ends TIMED_OUT instead of halting the rollout), every
 * invariant must hold, and a device whose command outcome was unknown must have received at most one flash
 * (the simulator refuses before processing, so it received none) and end in a terminal state.
 */
final class ChaosStorms {

    static final String POLICY = """
            {"batches": {"canarySize": 5, "batchSize": 25, "growthFactor": 1.5, "maxBatchSize": 150,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "PT2M", "verifyPeriod": "PT0.5S", "flashStartTimeout": "PT20S",
                        "maxFailurePercent": 100},
             "preflight": {"maxLastHeardAge": "PT24H"}}
            """;

    static final String STORM = """
            {"rate429": 0.3, "rate5xx": 0.1, "status5xx": 503,
             "routes": {"updateDevice": {"rate429": 0.3, "rate5xx": 0.15}, "events": {"rate429": 0.5, "rate5xx": 0.2}}}
            """;

    private ChaosStorms() {
    }

    static void run(Chaos chaos, String name) throws Exception {
        int devices = chaos.option("chaos.storms.devices", 100, 1000);
        long started = System.currentTimeMillis();
        try (ChaosRig rig = new ChaosRig(chaos.db, devices, chaos.timeScale)) {
            int port = Procs.freePort();
            rig.service("chaos-storms", port);
            Http api = ChaosRig.api(port);
            long id = Fleet.createRollout(api, 4, ChaosRig.TARGET_OS, POLICY);
            api.okPost("/api/v1/rollouts/" + id + "/start", "");
            rig.faults(STORM);
            String status = ChaosRig.awaitEnd(api, id, chaos.rolloutTimeout());
            Map<String, Object> stats = rig.simStats();
            rig.faults("{}");
            String summary = chaos.invariants.check(name, api, rig.truth, id, "COMPLETED");
            String commands = rig.sql("SELECT string_agg(status || '=' || n, ', ' ORDER BY status) FROM (SELECT "
                    + "status, count(*) n FROM flash_command WHERE rollout_id = " + id + " GROUP BY status) s");
            String unknownFlashed = rig.sql("SELECT string_agg(device_id, ',') FROM flash_command WHERE rollout_id = "
                    + id + " AND status = 'UNKNOWN'");
            if (unknownFlashed != null && !unknownFlashed.isBlank()) {
                for (String device : unknownFlashed.split(",")) {
                    long flashes = Json.num(Json.parse(rig.truth.ok("/sim/devices/" + device)), "flashCommandCount");
                    if (flashes > 1) {
                        chaos.invariants.violation(name, device + ": outcome UNKNOWN and " + flashes + " flashes");
                    }
                }
            }
            System.out.printf("%s: %d devices, storm 429 30%% / 5xx 10%% (lock+flash 30%%/15%%, stream opens "
                    + "50%%/20%%): %d requests, %d injected 429, %d injected 5xx; commands {%s}; rollout %s after %d s; %s%n",
                    name, devices, Json.num(stats, "requests"), Json.num(stats, "injected429"),
                    Json.num(stats, "injected5xx"), commands, status, (System.currentTimeMillis() - started) / 1000,
                    summary);
        }
    }

}
