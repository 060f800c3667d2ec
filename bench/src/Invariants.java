import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Design §4's invariants, checked against the simulator's ground truth after a rollout ended; every failed check is
 * one violation (printed, the first 30 of them, and counted).
 */
final class Invariants {

    private int violations;

    int count() {
        return violations;
    }

    void violation(String scenario, String text) {
        violations++;
        if (violations <= 30) {
            System.out.println(scenario + ": VIOLATION " + text);
        }
    }

    /**
     * Checks a rollout that should have ended {@code expectedStatus}: every device terminal, at most one flash per
     * device (one attempt each), no device outside the rollout flashed, API SUCCEEDED ⇔ the simulator shows the target
     * running after a flash, and the rollout's per-state counts equal its device list. Returns a summary such as
     * {@code 234 devices {SKIPPED=8, SUCCEEDED=226}, truth 226 on target}.
     */
    String check(String scenario, Http api, Http truth, long id, String expectedStatus) throws Exception {
        Object rollout = Json.parse(api.ok("/api/v1/rollouts/" + id));
        String status = Json.str(rollout, "status");
        if (!expectedStatus.equals(status)) {
            violation(scenario, "rollout ended " + status + " (expected " + expectedStatus + "): " + rollout);
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
                violation(scenario, device + " not terminal: " + state);
            }
            long flashes = Json.num(d, "flashCommandCount");
            if (flashes > 1) {
                violation(scenario, device + " received " + flashes + " flash commands in one attempt");
            }
            boolean onTarget = runsTarget(d);
            truthSucceeded += onTarget && flashes == 1 ? 1 : 0;
            if (state.equals("SUCCEEDED") && !onTarget) {
                violation(scenario, device + " SUCCEEDED in the API but the simulator shows " + describe(d));
            }
            if (!state.equals("SUCCEEDED") && onTarget && flashes > 0) {
                violation(scenario, device + " is " + state + " in the API but runs the target: " + describe(d));
            }
        }
        sim.values().stream().filter(d -> Json.num(d, "flashCommandCount") > 0)
            .forEach(d -> violation(scenario, d.get("id") + " is not in the rollout but was flashed"));
        for (String state : byState.keySet()) {
            long reported = Json.num(rollout, "progress.byState." + state);
            if (reported != byState.get(state)) {
                violation(scenario, "progress.byState." + state + " = " + reported + " but " + byState.get(state)
                        + " devices are in that state");
            }
        }
        if (byState.getOrDefault("SUCCEEDED", 0L) != truthSucceeded) {
            violation(scenario, "API SUCCEEDED " + byState.get("SUCCEEDED") + " != simulator truth " + truthSucceeded);
        }
        return updates.size() + " devices " + byState + ", truth " + truthSucceeded + " on target after one flash";
    }

    /** Flash commands the simulator received in (from, to]: read from each flashed device's command log. */
    static int flashesBetween(Http truth, Instant from, Instant to) throws Exception {
        int n = 0;
        for (Map<String, Object> d : Fleet.simDevices(truth)) {
            if (Json.num(d, "flashCommandCount") == 0) {
                continue;
            }
            Object detail = Json.parse(truth.ok("/sim/devices/" + d.get("id")));
            for (Object c : (List<?>) Json.at(detail, "flashCommands")) {
                Instant at = instant(Json.at(c, "at"));
                if (at.isAfter(from) && !at.isAfter(to)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** An instant as Jackson writes it: ISO-8601 text or decimal epoch seconds. */
    static Instant instant(Object value) {
        if (value instanceof Number number) {
            BigDecimal seconds = new BigDecimal(number.toString());
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        return Instant.parse(value.toString());
    }

    static boolean runsTarget(Map<String, Object> d) {
        return Json.num(d, "firmwareVersion") == 4 && "normal".equals(Json.str(d, "status"))
                && Fleet.compareVersions(Json.str(d, "systemFirmwareVersion"), ChaosRig.TARGET_OS) >= 0;
    }

    static String describe(Map<String, Object> d) {
        return "firmware " + d.get("firmwareVersion") + ", Device OS " + d.get("systemFirmwareVersion") + ", status "
                + d.get("status") + ", phase " + d.get("phase") + ", flashes " + d.get("flashCommandCount");
    }

}
