import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fault injection: kill -9 of the service at random moments of a rollout, restart, then check design §4's invariants
 * against the simulator's ground truth. Ends with the line {@code N runs, V invariant violations}; exit 1 if V > 0.
 *
 * <p>Options (system properties): {@code chaos.mode} short|full, {@code chaos.runs}, {@code chaos.devices},
 * {@code chaos.kills}, {@code chaos.seed}, {@code chaos.timeScale}.
 */
public final class Chaos {

    private final int devices;

    private final int kills;

    private final double timeScale;

    private final Random random;

    private final List<String> violations = new ArrayList<>();

    private Chaos(int devices, int kills, double timeScale, long seed) {
        this.devices = devices;
        this.kills = kills;
        this.timeScale = timeScale;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        boolean full = "full".equals(System.getProperty("chaos.mode", "short"));
        int runs = Integer.getInteger("chaos.runs", 1);
        int devices = Integer.getInteger("chaos.devices", full ? 2000 : 300);
        int kills = Integer.getInteger("chaos.kills", full ? 20 : 3);
        double timeScale = Double.parseDouble(System.getProperty("chaos.timeScale", full ? "100" : "200"));
        long seed = Long.getLong("chaos.seed", System.currentTimeMillis());
        System.out.printf("chaos: %s mode, %d run(s), %d devices, %d kills per run, time scale %.0f, seed %d%n",
                full ? "full" : "short", runs, devices, kills, timeScale, seed);
        Chaos chaos = new Chaos(devices, kills, timeScale, seed);
        for (int run = 1; run <= runs; run++) {
            chaos.run(run);
        }
        System.out.printf("%d runs, %d invariant violations%n", runs, chaos.violations.size());
        System.exit(chaos.violations.isEmpty() ? 0 : 1);
    }

    private void run(int run) throws Exception {
        String dbName = "fleetota_bench_chaos";
        String jdbc = Procs.freshDatabase(dbName);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        Process sim = Procs.simulator(simPort, devices, timeScale, "--strict", "--rate-limit=10000000",
                "--sse-opens=100000");
        Process service = null;
        long started = System.currentTimeMillis();
        try {
            service = startService(apiPort, jdbc, simPort);
            Http api = new Http("http://127.0.0.1:" + apiPort, Procs.ADMIN_TOKEN);
            Http truth = new Http("http://127.0.0.1:" + simPort, null);
            long id = Fleet.createRollout(api, 4, "6.1.1", Fleet.FAST_POLICY);
            api.okPost("/api/v1/rollouts/" + id + "/start", "");
            int done = 0;
            for (; done < kills && !finished(api, id); done++) {
                Thread.sleep(1000 + random.nextInt(4000));
                String before = Fleet.status(api, id);
                Procs.kill9(service);
                long flashes = flashCount(truth);
                System.out.printf("run %d: kill -9 #%d at +%ds (rollout %s, %d flash commands so far)%n", run,
                        done + 1, (System.currentTimeMillis() - started) / 1000, before, flashes);
                Thread.sleep(random.nextInt(1500));
                service = startService(apiPort, jdbc, simPort);
            }
            awaitEnd(api, id, 180_000);
            check(run, api, truth, id);
            System.out.printf("run %d: %d kills, rollout %s after %ds%n", run, done, Fleet.status(api, id),
                    (System.currentTimeMillis() - started) / 1000);
        }
        finally {
            Procs.stop(service);
            Procs.stop(sim);
            Procs.dropDatabase(dbName);
        }
    }

    private Process startService(int port, String jdbc, int simPort) throws Exception {
        return Procs.service("chaos", port, jdbc, simPort,
                List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                "--fleetota.rollout.tick-interval=PT0.3S");
    }

    private static boolean finished(Http api, long id) throws Exception {
        String s = Fleet.status(api, id);
        return s.equals("COMPLETED") || s.equals("HALTED") || s.equals("CANCELLED");
    }

    private static void awaitEnd(Http api, long id, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end && !finished(api, id)) {
            Thread.sleep(500);
        }
    }

    private static long flashCount(Http truth) throws Exception {
        return Fleet.simDevices(truth).stream().mapToLong(d -> Json.num(d, "flashCommandCount")).sum();
    }

    private void violation(int run, String text) {
        violations.add(text);
        if (violations.size() <= 30) {
            System.out.println("run " + run + ": VIOLATION " + text);
        }
    }

    private void check(int run, Http api, Http truth, long id) throws Exception {
        Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
        String status = Json.str(rollout, "status");
        if (!"COMPLETED".equals(status)) {
            violation(run, "rollout ended " + status + " (expected COMPLETED on a fault-free fleet): " + rollout);
        }
        Map<String, Map<String, Object>> sim = new HashMap<>();
        Fleet.simDevices(truth).forEach(d -> sim.put((String) d.get("id"), d));
        Map<String, Long> byState = new TreeMap<>();
        List<Map<String, Object>> updates = Fleet.rolloutDevices(api, id);
        int truthSucceeded = 0;
        for (Map<String, Object> u : updates) {
            String device = (String) u.get("deviceId");
            String state = (String) u.get("state");
            byState.merge(state, 1L, Long::sum);
            Map<String, Object> d = sim.remove(device);
            if (!Fleet.TERMINAL.contains(state)) {
                violation(run, device + " not terminal: " + state);
            }
            long flashes = Json.num(d, "flashCommandCount");
            if (flashes > 1) {
                violation(run, device + " received " + flashes + " flash commands in one attempt");
            }
            boolean onTarget = runsTarget(d);
            truthSucceeded += onTarget && flashes == 1 ? 1 : 0;
            if (state.equals("SUCCEEDED") && !onTarget) {
                violation(run, device + " SUCCEEDED in the API but the simulator shows " + describe(d));
            }
            if (!state.equals("SUCCEEDED") && onTarget && flashes > 0) {
                violation(run, device + " is " + state + " in the API but runs the target: " + describe(d));
            }
        }
        sim.values().stream().filter(d -> Json.num(d, "flashCommandCount") > 0)
            .forEach(d -> violation(run, d.get("id") + " is not in the rollout but was flashed"));
        for (String state : byState.keySet()) {
            long reported = Json.num(rollout, "progress.byState." + state);
            if (reported != byState.get(state)) {
                violation(run, "progress.byState." + state + " = " + reported + " but " + byState.get(state)
                        + " devices are in that state");
            }
        }
        if (byState.getOrDefault("SUCCEEDED", 0L) != truthSucceeded) {
            violation(run, "API SUCCEEDED " + byState.get("SUCCEEDED") + " != simulator truth " + truthSucceeded);
        }
        System.out.printf("run %d: %d rollout devices %s; simulator: %d run the target after one flash%n", run,
                updates.size(), byState, truthSucceeded);
    }

    private static boolean runsTarget(Map<String, Object> d) {
        return Json.num(d, "firmwareVersion") == 4 && "normal".equals(Json.str(d, "status"))
                && Fleet.compareVersions(Json.str(d, "systemFirmwareVersion"), "6.1.1") >= 0;
    }

    private static String describe(Map<String, Object> d) {
        return "firmware " + d.get("firmwareVersion") + ", Device OS " + d.get("systemFirmwareVersion") + ", status "
                + d.get("status") + ", phase " + d.get("phase") + ", flashes " + d.get("flashCommandCount");
    }

}
