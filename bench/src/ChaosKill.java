/**
 * Scenario 1: kill -9 of the one service instance at random moments of a rollout, restart it on the same port and
 * database each time; then every invariant must hold and the rollout must be COMPLETED, every failed device one
 * whose command a kill left unknown (ChaosRig.unexplainedFailures).
 */
final class ChaosKill {

    private ChaosKill() {
    }

    static void run(Chaos chaos, String name) throws Exception {
        int devices = chaos.option("chaos.devices", 200, 2000);
        int kills = chaos.option("chaos.kills", 3, 20);
        long started = System.currentTimeMillis();
        try (ChaosRig rig = new ChaosRig(chaos.db, devices, chaos.timeScale)) {
            int port = Procs.freePort();
            Process service = rig.service("chaos", port, ChaosRig.SHORT_CLAIMS);
            Http api = ChaosRig.api(port);
            long id = Fleet.createRollout(api, 4, ChaosRig.TARGET_OS, ChaosRig.POLICY);
            api.okPost("/api/v1/rollouts/" + id + "/start", "");
            int done = 0;
            for (; done < kills && !ChaosRig.finished(api, id); done++) {
                chaos.pause(1000, 5000);
                String before = Fleet.status(api, id);
                Procs.kill9(service);
                System.out.printf("%s: kill -9 #%d at +%ds (rollout %s, %d flash commands so far)%n", name, done + 1,
                        (System.currentTimeMillis() - started) / 1000, before, rig.simFlashCommands());
                chaos.pause(0, 1500);
                service = rig.service("chaos", port, ChaosRig.SHORT_CLAIMS);
            }
            ChaosRig.awaitEnd(api, id, chaos.rolloutTimeout());
            String summary = chaos.invariants.check(name, api, rig.truth, id, "COMPLETED");
            String unexplained = rig.unexplainedFailures(id);
            if (!unexplained.isEmpty()) {
                chaos.invariants.violation(name, "failed devices no kill explains: " + unexplained);
            }
            System.out.printf("%s: %d devices, %d kills, rollout %s after %d s; %s%n", name, devices, done,
                    Fleet.status(api, id), (System.currentTimeMillis() - started) / 1000, summary);
        }
    }

}
