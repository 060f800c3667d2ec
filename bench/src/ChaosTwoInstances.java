import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 2: two instances (distinct instance ids) on one database and one simulator; the one holding the
 * event-stream lease is killed with kill -9 mid-rollout (short mode once, full mode six times), and restarted after
 * the survivor took over when another kill follows (a restart after the last kill would only compete for the CPU).
 * Measures the takeover: kill → survivor holds the lease, and kill → the next device-update transition committed.
 * Then every invariant must hold; the takeover must come within lease duration + renew interval + 5 s.
 */
final class ChaosTwoInstances {

    static final int LEASE_SECONDS = 10;

    static final int RENEW_SECONDS = 2;

    private ChaosTwoInstances() {
    }

    static void run(Chaos chaos, String name) throws Exception {
        int devices = chaos.option("chaos.two.devices", 200, 1000);
        int kills = chaos.option("chaos.two.kills", 1, 6);
        long bound = (LEASE_SECONDS + RENEW_SECONDS + 5) * 1000L;
        long started = System.currentTimeMillis();
        try (ChaosRig rig = new ChaosRig(chaos.db, devices, chaos.timeScale)) {
            List<String> names = List.of("chaos-a", "chaos-b");
            List<Integer> ports = List.of(Procs.freePort(), Procs.freePort());
            String[] options = { "--fleetota.events.stream.lease-duration=PT" + LEASE_SECONDS + "S",
                "--fleetota.events.stream.lease-renew-interval=PT" + RENEW_SECONDS + "S",
                ChaosRig.SHORT_CLAIMS };
            List<Process> services = new ArrayList<>(rig.services(names, ports, options));
            Http api = ChaosRig.api(ports.get(0));
            long id = Fleet.createRollout(api, 4, ChaosRig.TARGET_OS, ChaosRig.POLICY);
            ChaosRig.api(ports.get(1)).okPost("/api/v1/rollouts/" + id + "/start", "");
            List<Long> leaseTakeovers = new ArrayList<>();
            List<Long> progressTakeovers = new ArrayList<>();
            int done = 0;
            for (; done < kills && !ChaosRig.finished(api, id); done++) {
                chaos.pause(2000, 6000);
                String holder = holder(rig);
                int victim = names.indexOf(holder);
                if (victim < 0) {
                    victim = chaos.random.nextInt(2);
                }
                int survivor = 1 - victim;
                api = ChaosRig.api(ports.get(survivor));
                String before = Fleet.status(api, id);
                Procs.kill9(services.get(victim));
                long killedAt = System.currentTimeMillis();
                long lease = after(killedAt, awaitLease(rig, names.get(survivor), killedAt + 60_000));
                long progress = after(killedAt, awaitTransition(rig, killedAt, killedAt + bound));
                String stall = progress < 0 ? unsentStall(rig, id) : null; // as it is at the bound
                String waiting = progress < 0 ? waitingUpdates(rig, id) : null;
                if (progress < 0) {
                    progress = after(killedAt, awaitTransition(rig, killedAt, killedAt + 60_000));
                }
                leaseTakeovers.add(lease);
                progressTakeovers.add(progress);
                System.out.printf("%s: kill -9 #%d of %s (lease holder: %s) at +%ds, rollout %s: %s holds the "
                        + "event-stream lease after %d ms, next device transition after %d ms%n", name, done + 1,
                        names.get(victim), holder, (killedAt - started) / 1000, before, names.get(survivor), lease,
                        progress);
                if (lease < 0 || lease > bound) {
                    chaos.invariants.violation(name, "takeover of the event-stream lease took " + lease
                            + " ms (bound " + bound + " ms; -1 = never within 60 s)");
                }
                if (stall != null) {
                    System.out.printf("%s: no device could move within %d ms of the kill: %s%n", name, bound, stall);
                }
                else if (!ChaosRig.finished(api, id) && (progress < 0 || progress > bound)) {
                    chaos.invariants.violation(name, "no device progress within " + bound + " ms of the kill ("
                            + progress + " ms; -1 = none within 60 s)");
                    System.out.printf("%s: unfinished device updates of the batch at the bound: %s%n%s: %s's log "
                            + "tail:%n%s%n", name, waiting, name, names.get(survivor),
                            Procs.logTail(services.get(survivor), 60));
                }
                if (done + 1 < kills) {
                    services.set(victim, rig.service(names.get(victim), ports.get(victim), options));
                }
            }
            ChaosRig.awaitEnd(api, id, chaos.rolloutTimeout());
            String summary = chaos.invariants.check(name, api, rig.truth, id, "COMPLETED");
            String unexplained = rig.unexplainedFailures(id);
            if (!unexplained.isEmpty()) {
                chaos.invariants.violation(name, "failed devices no kill explains: " + unexplained);
            }
            System.out.printf("%s: 2 instances, %d devices, %d kills, lease takeover ms %s (bound %d), next "
                    + "transition ms %s, rollout %s after %d s; %s%n", name, devices, done, leaseTakeovers, bound,
                    progressTakeovers, Fleet.status(api, id), (System.currentTimeMillis() - started) / 1000, summary);
        }
    }

    /** Milliseconds from {@code killedAt} to {@code at}, or -1 when {@code at} is -1 (it did not happen). */
    private static long after(long killedAt, long at) {
        return at < 0 ? -1 : at - killedAt;
    }

    /**
     * Why no device moved, when that is by design: every unfinished device update of the current batch waits on a
     * command the killed instance had claimed (SENDING, or UNKNOWN once its claim timed out). Such a command is never
     * sent again (invariant 1: its flash may have left), so its device waits for its flashStartTimeout and the batch
     * for it. Null when some unfinished device update waits on anything else (then a stall is a violation).
     */
    private static String unsentStall(ChaosRig rig, long rolloutId) throws Exception {
        String[] n = rig.sql("""
                SELECT count(*) FILTER (WHERE NOT waiting), count(*) FILTER (WHERE waiting) FROM (
                    SELECT EXISTS (SELECT 1 FROM flash_command c WHERE c.device_update_id = du.id
                                   AND c.status IN ('SENDING', 'UNKNOWN')) AS waiting
                    FROM device_update du JOIN rollout r ON r.id = du.rollout_id
                    WHERE du.rollout_id = %d AND du.batch_number = r.current_batch AND du.state NOT IN %s) u
                """.formatted(rolloutId, Bench.TERMINAL_SQL)).split("\\|");
        return "0".equals(n[0]) && !"0".equals(n[1]) ? "the batch's last " + n[1] + " device(s) wait on commands "
                + "the killed instance had claimed (never resent; they end at their flashStartTimeout)" : null;
    }

    /** The current batch's unfinished device updates by state, command status and last transition (diagnostics). */
    private static String waitingUpdates(ChaosRig rig, long rolloutId) throws Exception {
        return rig.sql("""
                SELECT coalesce(string_agg(label || ' x' || n, '; ' ORDER BY label), 'none') FROM (
                    SELECT label, count(*) AS n FROM (
                        SELECT du.state || '/' || coalesce(c.status, 'no command') || ', last: ' || coalesce(
                            (SELECT t.cause || ' at ' || to_char(t.at, 'HH24:MI:SS') FROM device_update_transition t
                             WHERE t.device_update_id = du.id ORDER BY t.at DESC LIMIT 1), '-') AS label
                        FROM device_update du JOIN rollout r ON r.id = du.rollout_id
                        LEFT JOIN LATERAL (SELECT status FROM flash_command c WHERE c.device_update_id = du.id
                                           ORDER BY c.id DESC LIMIT 1) c ON true
                        WHERE du.rollout_id = %d AND du.batch_number = r.current_batch AND du.state NOT IN %s) u
                    GROUP BY label) g
                """.formatted(rolloutId, Bench.TERMINAL_SQL)) + " (now " + rig.sql("SELECT to_char(now(), "
                + "'HH24:MI:SS.MS')") + ")";
    }

    private static String holder(ChaosRig rig) throws Exception {
        return rig.sql("SELECT holder FROM lease WHERE name = 'particle-event-stream' AND expires_at >= now()");
    }

    /** Epoch ms when {@code survivor} was first seen holding the event-stream lease; -1 if not before the deadline. */
    private static long awaitLease(ChaosRig rig, String survivor, long deadline) throws Exception {
        while (System.currentTimeMillis() < deadline) {
            if (survivor.equals(holder(rig))) {
                return System.currentTimeMillis();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Epoch ms of the first device-update transition committed after {@code since}; -1 if none before the deadline. */
    private static long awaitTransition(ChaosRig rig, long since, long deadline) throws Exception {
        while (System.currentTimeMillis() < deadline) {
            String at = rig.sql("SELECT coalesce(floor(extract(epoch FROM min(at)) * 1000), 0)::bigint "
                    + "FROM device_update_transition WHERE at > to_timestamp(" + since / 1000.0 + ")");
            long first = Long.parseLong(at);
            if (first > 0) {
                return first;
            }
            Thread.sleep(100);
        }
        return -1;
    }

}
