import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fuzzer's valid-shaped requests point at: tokens of each role (and a revoked one), synced devices, a
 * firmware release, a cohort, a DRAFT rollout and a template, created through the API (names carry a nonce, so the
 * harness can run against a database that already has data).
 */
final class FuzzFixtures implements FuzzCases.Fixtures {

    private final Map<String, String> tokens = new HashMap<>();

    private final Map<String, String> ids = new HashMap<>();

    private FuzzFixtures() {
    }

    static FuzzFixtures create(Fuzz fuzz, Fuzz.Target target) throws Exception {
        FuzzFixtures f = new FuzzFixtures();
        Http api = new Http(target.api(), target.adminToken());
        long nonce = System.currentTimeMillis() % 1_000_000;
        f.tokens.put("ADMIN", target.adminToken());
        for (String role : List.of("VIEWER", "OPERATOR", "CI")) {
            f.tokens.put(role, token(api, "fuzz-" + role.toLowerCase() + "-" + nonce, role).get("token").toString());
        }
        Map<String, Object> revoked = token(api, "fuzz-revoked-" + nonce, "VIEWER");
        f.tokens.put("REVOKED", revoked.get("token").toString());
        Fuzz.Response r = fuzz.send("DELETE", "/api/v1/tokens/" + revoked.get("id"), "Bearer " + target.adminToken(),
                null, null, Map.of());
        if (r.status() != 204) {
            throw new IllegalStateException("could not revoke a token: " + r);
        }
        Fleet.sync(api); // waits out the sync the stream's first connect triggers (409 meanwhile)
        Object devices = Json.parse(api.ok("/api/v1/devices?online=true&size=1"));
        f.ids.put("devices", Json.str(((List<?>) Json.at(devices, "items")).get(0), "id"));
        int version = 40 + (int) (nonce % 50);
        f.ids.put("firmware", id(api.okPost("/api/v1/firmware", """
                {"productId": 30301, "version": %d, "deviceOsVersion": "6.1.1", "platformIds": %s, "title": "fuzz"}
                """.formatted(version, Fleet.PLATFORMS))));
        f.ids.put("cohorts", id(api.okPost("/api/v1/cohorts", """
                {"name": "fuzz-cohort-%d", "selector": {"platformIds": %s}}""".formatted(nonce, Fleet.PLATFORMS))));
        f.ids.put("rollouts", id(api.okPost("/api/v1/rollouts", """
                {"name": "fuzz-%d", "firmwareId": %s, "cohortIds": [%s], "policy": %s}
                """.formatted(nonce, f.ids.get("firmware"), f.ids.get("cohorts"), Fleet.FAST_POLICY))));
        f.ids.put("rollout-templates", id(api.okPost("/api/v1/rollout-templates", """
                {"name": "fuzz-template-%d", "cohortIds": [%s], "startMode": "DRAFT"}
                """.formatted(nonce, f.ids.get("cohorts")))));
        return f;
    }

    private static Map<String, Object> token(Http api, String name, String role) throws Exception {
        return Json.object(api.okPost("/api/v1/tokens", """
                {"name": "%s", "role": "%s"}""".formatted(name, role)));
    }

    private static String id(String body) {
        return String.valueOf(Json.num(Json.parse(body), "id"));
    }

    String deviceId() {
        return ids.get("devices");
    }

    @Override
    public String id(String collection, String param) {
        if (param.equals("version")) {
            return "1";
        }
        return ids.getOrDefault(collection, FuzzCases.UNKNOWN_ID);
    }

    @Override
    public String token(String role) {
        return tokens.get(role);
    }

}
