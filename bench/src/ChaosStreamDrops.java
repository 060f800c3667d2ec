import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: the simulator drops every event stream every few seconds for the whole rollout, so events are lost in
 * every gap and only the device-list reconciliation after each reconnect can catch up. One device of the third
 * batch gets {@code healerStuck} (one safe-mode event, then silence): the rollout must halt (rule
 * SILENT_IN_SAFE_MODE) within safeModeSilence + {@link #HALT_SLACK} of the device's last event (simulator truth;
 * a few ms before it is possible and safe: device list entries carry no {@code last_heard}, so when the device's
 * safe-mode event is lost in a gap the service counts from its session handshake, ~10 ms earlier), the simulator must
 * receive no flash command between the halt and the operator's resume, and after the resume
 * the rollout must complete with every invariant holding (the stuck device ends SILENT_IN_SAFE_MODE).
 */
final class ChaosStreamDrops {

    static final Duration SILENCE = Duration.ofSeconds(15);

    static final Duration HALT_SLACK = Duration.ofSeconds(5);

    static final String POLICY = """
            {"batches": {"canarySize": 5, "batchSize": 25, "growthFactor": 1.5, "maxBatchSize": 150,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "PT15S", "safeModeMaxDuration": "PT3M", "verifyPeriod": "PT0.5S",
                        "flashStartTimeout": "PT30S"},
             "preflight": {"maxLastHeardAge": "PT24H"}}
            """;

    private ChaosStreamDrops() {
    }

    static void run(Chaos chaos, String name) throws Exception {
        int devices = chaos.option("chaos.drops.devices", 200, 1000);
        String every = chaos.full ? "PT2S" : "PT3S";
        long started = System.currentTimeMillis();
        try (ChaosRig rig = new ChaosRig(chaos.db, devices, chaos.timeScale)) {
            int port = Procs.freePort();
            rig.service("chaos-drops", port);
            Http api = ChaosRig.api(port);
            long id = Fleet.createRollout(api, 4, ChaosRig.TARGET_OS, POLICY);
            api.okPost("/api/v1/rollouts/" + id + "/start", "");
            rig.faults("{\"dropStreamsEvery\": \"" + every + "\"}");
            String victim = pickVictim(api, rig.truth, id);
            rig.truth.okPost("/sim/devices/" + victim + "/faults", "{\"healerStuck\": true}");

            String status = awaitStatus(api, id, "HALTED", chaos.rolloutTimeout());
            Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
            Instant lastHeard = lastEvent(rig.truth, victim);
            Instant due = lastHeard == null ? null : lastHeard.plus(SILENCE);
            String haltSummary;
            if (!"HALTED".equals(status)) {
                chaos.invariants.violation(name, "the rollout never halted (status " + status + "); " + victim
                        + " was last heard (simulator) at " + lastHeard);
                haltSummary = "no halt";
            }
            else {
                Instant decided = Invariants.instant(Json.at(rollout, "haltReason.decidedAt"));
                String rule = Json.str(rollout, "haltReason.rule");
                long late = due == null ? -1 : Duration.between(due, decided).toMillis();
                if (!"SILENT_IN_SAFE_MODE".equals(rule) || due == null || late > HALT_SLACK.toMillis()) {
                    chaos.invariants.violation(name, "halt " + rule + " decided at " + decided + ", " + late
                            + " ms after the silence deadline " + due + " of " + victim + " (slack " + HALT_SLACK
                            + "): " + Json.at(rollout, "haltReason"));
                }
                Thread.sleep(3000);
                Instant resumed = Instant.now();
                api.okPost("/api/v1/rollouts/" + id + "/resume", "");
                int after = Invariants.flashesBetween(rig.truth, decided, resumed);
                if (after > 0) {
                    chaos.invariants.violation(name, after + " flash command(s) reached the simulator after the halt");
                }
                haltSummary = String.format("halt %s %d ms after the silence deadline (slack %d ms), %d flashes "
                        + "while halted", rule, late, HALT_SLACK.toMillis(), after);
            }
            ChaosRig.awaitEnd(api, id, chaos.rolloutTimeout());
            Map<String, Object> stats = rig.simStats();
            rig.faults("{}");
            String summary = chaos.invariants.check(name, api, rig.truth, id, "COMPLETED");
            String victimState = Fleet.rolloutDevices(api, id).stream().filter(u -> victim.equals(u.get("deviceId")))
                .map(u -> (String) u.get("state")).findFirst().orElse("?");
            if (!"SILENT_IN_SAFE_MODE".equals(victimState)) {
                chaos.invariants.violation(name, "the stuck device " + victim + " ended " + victimState);
            }
            String reconciled = rig.sql("SELECT count(*) FROM device_update_transition WHERE rollout_id = " + id
                    + " AND cause = 'reconciled from device list'");
            System.out.printf("%s: %d devices, streams dropped every %s (%d drops), %s transitions reconciled from "
                    + "the device list; %s; rollout %s after %d s; %s%n", name, devices, every,
                    Json.num(stats, "streamsDropped"), reconciled, haltSummary, Fleet.status(api, id),
                    (System.currentTimeMillis() - started) / 1000, summary);
        }
    }

    /** A device of the third batch (or the last) that will go through safe mode: online, Device OS below the target. */
    private static String pickVictim(Http api, Http truth, long id) throws Exception {
        Map<String, Map<String, Object>> sim = new java.util.HashMap<>();
        Fleet.simDevices(truth).forEach(d -> sim.put((String) d.get("id"), d));
        List<Map<String, Object>> updates = Fleet.rolloutDevices(api, id);
        long batches = updates.stream().mapToLong(u -> Json.num(u, "batch")).max().orElse(1);
        long batch = Math.min(3, batches);
        return updates.stream()
            .filter(u -> Json.num(u, "batch") == batch && "PENDING".equals(u.get("state")))
            .map(u -> sim.get((String) u.get("deviceId")))
            .filter(d -> d != null && Boolean.TRUE.equals(d.get("online"))
                    && Fleet.compareVersions(Json.str(d, "systemFirmwareVersion"), ChaosRig.TARGET_OS) < 0)
            .map(d -> (String) d.get("id"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no device in batch " + batch + " goes through safe mode"));
    }

    private static String awaitStatus(Http api, long id, String wanted, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        String status = Fleet.status(api, id);
        while (System.currentTimeMillis() < end && !status.equals(wanted) && !status.equals("COMPLETED")
                && !status.equals("CANCELLED")) {
            Thread.sleep(200);
            status = Fleet.status(api, id);
        }
        return status;
    }

    /**
     * When the device was last heard (simulator truth): its last event other than {@code spark/status offline}, which
     * the cloud publishes about a device, not from it (Particle's {@code last_heard} ignores it, and so does the
     * simulator's), or null.
     */
    private static Instant lastEvent(Http truth, String device) throws Exception {
        Object detail = Json.parse(truth.ok("/sim/devices/" + device));
        return ((List<?>) Json.at(detail, "timeline")).stream()
            .filter(e -> !("spark/status".equals(Json.str(e, "name")) && "offline".equals(Json.str(e, "data"))))
            .map(e -> Invariants.instant(Json.at(e, "at")))
            .max(Instant::compareTo)
            .orElse(null);
    }

}
