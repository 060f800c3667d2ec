import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** API and simulator ground-truth calls the harnesses share. */
final class Fleet {

    static final String PLATFORMS = "[12, 13, 15, 23, 25, 26, 28, 32, 35]";

    static final String FAST_POLICY = """
            {"batches": {"canarySize": 5, "batchSize": 25, "growthFactor": 1.5, "maxBatchSize": 150,
                         "soak": "PT0S", "approvalAfterCanary": false},
             "safety": {"safeModeSilence": "PT2M", "verifyPeriod": "PT0.5S"},
             "preflight": {"maxLastHeardAge": "PT24H"}}
            """;

    static final List<String> TERMINAL = List.of("SUCCEEDED", "SKIPPED", "FLASH_FAILED", "TIMED_OUT",
            "WRONG_VERSION", "SILENT_IN_SAFE_MODE");

    private Fleet() {
    }

    /** Syncs devices, registers firmware v{@code version} and a cohort of every Gen 3/4 device, creates a rollout. */
    static long createRollout(Http api, int version, String deviceOs, String policy) throws Exception {
        sync(api);
        long firmware = Json.num(Json.parse(api.okPost("/api/v1/firmware", """
                {"productId": 30301, "version": %d, "deviceOsVersion": "%s", "platformIds": %s, "title": "bench v%d"}
                """.formatted(version, deviceOs, PLATFORMS, version))), "id");
        long cohort = Json.num(Json.parse(api.okPost("/api/v1/cohorts", """
                {"name": "bench-%d-%d", "selector": {"platformIds": %s}}
                """.formatted(version, System.nanoTime() % 100000, PLATFORMS))), "id");
        return Json.num(Json.parse(api.okPost("/api/v1/rollouts", """
                {"name": "bench-%d", "firmwareId": %d, "cohortIds": [%d], "policy": %s}
                """.formatted(version, firmware, cohort, policy))), "id");
    }

    /** A full device sync; waits while another one runs (409, e.g. the sync after the stream connected). */
    static void sync(Http api) throws Exception {
        long end = System.currentTimeMillis() + 300_000;
        Http.Response r = api.post("/api/v1/devices/sync", "");
        while (r.status() == 409 && System.currentTimeMillis() < end) {
            Thread.sleep(500);
            r = api.post("/api/v1/devices/sync", "");
        }
        if (r.status() / 100 != 2) {
            throw new IllegalStateException("/api/v1/devices/sync -> " + r.status() + " " + r.body());
        }
    }

    /** Every device update of a rollout (paged through the API). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rolloutDevices(Http api, long id) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; page < 1000; page++) {
            Object body = Json.parse(api.ok("/api/v1/rollouts/" + id + "/devices?size=1000&page=" + page));
            List<Map<String, Object>> items = (List<Map<String, Object>>) Json.at(body, "items");
            all.addAll(items);
            if (page + 1 >= Json.num(body, "totalPages")) {
                break;
            }
        }
        return all;
    }

    /** The simulator's ground truth for every device. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> simDevices(Http sim) throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 1; page < 1000; page++) {
            Object body = Json.parse(sim.ok("/sim/devices?perPage=1000&page=" + page));
            List<Map<String, Object>> items = (List<Map<String, Object>>) Json.at(body, "devices");
            all.addAll(items);
            if (items.isEmpty() || all.size() >= Json.num(body, "total")) {
                break;
            }
        }
        return all;
    }

    static String status(Http api, long id) throws Exception {
        return Json.str(Json.parse(api.ok("/api/v1/rollouts/" + id)), "status");
    }

    /** Compares dotted versions numerically (6.1.1 vs 6.3.2). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < 3; i++) {
            int d = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

}
