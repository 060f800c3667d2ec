import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Malformed Particle events through both intake paths. Each malformed event carries a unique marker, so its row is
 * found afterwards. Expected (DeviceEventIntake / CheckedEvent contract): an authenticated malformed event is stored
 * with {@code rejected_reason} set and applied to nothing; unauthenticated deliveries and unsupported content types
 * are 4xx problem documents that write nothing; and the path keeps working: a valid event sent after the malformed
 * ones is stored (not rejected) and applied to the device.
 */
final class FuzzEvents {

    static final String WEBHOOK = "POST /api/v1/particle/webhook (malformed deliveries)";

    static final String SSE = "SSE product event stream (malformed wire data)";

    private static final String PATH = "/api/v1/particle/webhook";

    private static final String SECRET_HEADER = "X-Fleetota-Webhook-Secret";

    private final Fuzz fuzz;

    private final Fuzz.Target target;

    private final String device;

    private final String nonce = Long.toString(System.currentTimeMillis() % 100_000_000, 36);

    FuzzEvents(Fuzz fuzz, Fuzz.Target target, FuzzFixtures fixtures) {
        this.fuzz = fuzz;
        this.target = target;
        this.device = fixtures.deviceId();
    }

    void run() throws Exception {
        // SSE first: the simulator stamps events with its own clock; the webhook events below are stamped later
        sse();
        webhook();
    }

    // ---- SSE

    private void sse() throws Exception {
        Http sim = new Http(target.sim(), null);
        long open = Json.num(Json.parse(sim.ok("/sim/stats")), "streamsOpen");
        if (open < 1) {
            fuzz.violation(SSE, "the service has no open event stream on the simulator");
            return;
        }
        List<String> markers = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        String now = "2026-01-01T00:00:00.000Z";
        String[] malformed = {
            "event: fuzz/bad\ndata: {not json %s\n\n",
            "event: fuzz/bad\ndata: [\"%s\"]\n\n",
            "event: fuzz/bad\ndata: \"%s\"\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s\",\"published_at\":\"" + now + "\"}\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s\",\"coreid\":\"" + device + "\",\"published_at\":\"2026-13-45T99:00:00Z\"}\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s\",\"coreid\":\"" + device + "\",\"published_at\":\"yesterday\"}\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s\",\"coreid\":\"not-a-device\",\"published_at\":\"" + now + "\"}\n\n",
            "data: {\"data\":\"%s\",\"coreid\":\"" + device + "\",\"published_at\":\"" + now + "\"}\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s " + "x".repeat(100_000) + "\",\"coreid\":\"" + device + "\"}\n\n",
            "event: fuzz/bad\ndata: {\"data\":{\"nested\":\"%s\"},\"coreid\":12345,\"published_at\":true}\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s\",\ndata: \"coreid\":\n\n",
            "event: " + "n".repeat(200) + "\ndata: {\"data\":\"%s\",\"coreid\":\"" + device + "\",\"published_at\":\""
                    + now + "\"}\n\n",
            "event: fuzz/bad\ndata: {\"data\":\"%s\",\"coreid\":\"" + device + "\",\"published_at\":\"" + now
                    + "\",\"version\":\"not-a-number\",\"ttl\":{}} trailing garbage\n\n",
        };
        for (int i = 0; i < malformed.length; i++) {
            String marker = "fz" + nonce + "s" + i + "z";
            markers.add(marker);
            blocks.add(malformed[i].formatted(marker));
        }
        // wire garbage that is no event at all: unknown fields, a bad retry, a lone id, comments, a bare CR
        blocks.add("this is not sse\nretry: abc\nid: \u2603\n: comment\n\n");
        blocks.add("\r\n\n");
        long maxId = maxEventId();
        for (String block : blocks) {
            String answer = sim.okPost("/sim/streams/raw", "{\"text\": " + FuzzJson.string(block) + "}");
            if (Json.num(Json.parse(answer), "streams") < 1) {
                fuzz.violation(SSE, "the raw block reached no stream");
            }
        }
        fuzz.counts(SSE).requests += blocks.size();
        publish(sim, "offline");
        boolean applied = awaitValid("SSE", "offline", maxId) && awaitOnline(false);
        if (!applied) {
            fuzz.violation(SSE, "the valid spark/status offline after the malformed data was not stored and applied"
                    + " within 15 s (stream stopped?)");
        }
        checkRejected(SSE, "SSE", markers);
        publish(sim, "online");
        awaitOnline(true);
        fuzz.counts(SSE).requests += 2;
        fuzz.out().printf("fuzz: SSE: %d malformed blocks + 2 garbage blocks, then a valid event: %s%n",
                markers.size(), applied ? "stored and applied" : "NOT applied");
    }

    private void publish(Http sim, String data) throws Exception {
        sim.okPost("/sim/devices/" + device + "/events", "{\"name\":\"spark/status\",\"data\":\"" + data + "\"}");
    }

    // ---- webhook

    private void webhook() throws Exception {
        String valid = envelope("spark/status", "online", device, stamp(0));
        List<String> batch = new ArrayList<>();
        Map<String, String> before = fuzz.db().snapshot();
        // unauthenticated: every one a 4xx problem, nothing written
        List<String[]> secrets = new ArrayList<>();
        secrets.add(new String[] { "no secret", null });
        secrets.add(new String[] { "wrong secret", "wrong" });
        secrets.add(new String[] { "empty secret", "" });
        secrets.add(new String[] { "huge secret", "s".repeat(6000) });
        secrets.add(new String[] { "secret + x", (target.webhookSecret() == null ? "" : target.webhookSecret())
                + "x" });
        secrets.add(new String[] { "secret prefix", target.webhookSecret() == null ? "x"
                : target.webhookSecret().substring(0, 5) });
        for (String[] s : secrets) {
            Map<String, String> headers = s[1] == null ? Map.of() : Map.of(SECRET_HEADER, s[1]);
            for (String[] body : List.of(new String[] { "application/json", valid },
                    new String[] { "application/x-www-form-urlencoded", "event=spark%2Fstatus&data=online&coreid="
                            + device },
                    new String[] { "application/json", "{not json" })) {
                expectRefused(new FuzzCases.Case("unauthenticated (" + s[0] + ", " + body[0] + ")", "POST", PATH,
                        null, body[0], body[1], false, headers), batch);
            }
        }
        if (target.webhookSecret() == null) {
            fuzz.verify(WEBHOOK, before, batch);
            return;
        }
        Map<String, String> auth = Map.of(SECRET_HEADER, target.webhookSecret());
        for (String type : new String[] { "text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/octet-stream", "json" }) {
            expectRefused(new FuzzCases.Case("content type " + type, "POST", PATH, null, type, valid, false, auth),
                    batch);
        }
        expectRefused(new FuzzCases.Case("no content type", "POST", PATH, null, null, valid, false, auth), batch);
        // a form body that cannot be decoded at all (not UTF-8) is no event: refused, not stored
        expectRefused(new FuzzCases.Case("undecodable form", "POST", PATH, null, "application/x-www-form-urlencoded",
                "event=fuzz%2Fbad&data=%FF%FE&coreid=" + device, false, auth), batch);
        fuzz.verify(WEBHOOK, before, batch);
        // authenticated malformed events: stored, rejected
        List<String> markers = new ArrayList<>();
        List<String[]> bodies = new ArrayList<>();
        String t = stamp(0);
        String[][] malformed = {
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s" },
            { "application/json", "[\"%s\"]" },
            { "application/json", "\"%s\"" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s\",\"published_at\":\"" + t + "\"}" },
            { "application/json", "{\"data\":\"%s\",\"coreid\":\"" + device + "\",\"published_at\":\"" + t + "\"}" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s\",\"coreid\":\"" + device + "\"}" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s\",\"coreid\":\"" + device
                    + "\",\"published_at\":\"2026-13-45T99:00:00Z\"}" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s\",\"coreid\":\"" + device
                    + "\",\"published_at\":1700000000}" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s\",\"coreid\":\"not-a-device\","
                    + "\"published_at\":\"" + t + "\"}" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":{\"nested\":\"%s\"},\"coreid\":12345,"
                    + "\"published_at\":[1]}" },
            { "application/json", "{\"event\":\"fuzz/bad\",\"data\":\"%s " + "x".repeat(300_000) + "\",\"coreid\":\""
                    + device + "\"}" },
            { "application/json", "{\"event\":\"" + "n".repeat(300) + "\",\"data\":\"%s\",\"coreid\":\"" + device
                    + "\",\"published_at\":\"" + t + "\"}" },
            { "application/vnd.fuzz+json", "{\"event\":\"fuzz/bad\",\"data\":\"%s\" trailing" },
            { "application/x-www-form-urlencoded", "data=%s&coreid=" + device + "&published_at=" + t },
            { "application/x-www-form-urlencoded", "event=fuzz%%2Fbad&data=%s&coreid=" + device
                    + "&published_at=13%%2F45%%2F2026" },
            { "application/x-www-form-urlencoded", "event=fuzz%%2Fbad&data=%s&coreid=%%00%%01&published_at=" + t },
        };
        for (int i = 0; i < malformed.length; i++) {
            String marker = "fz" + nonce + "w" + i + "z";
            markers.add(marker);
            bodies.add(new String[] { malformed[i][0], malformed[i][1].formatted(marker) });
        }
        long maxId = maxEventId();
        for (String[] body : bodies) {
            Fuzz.Response r = fuzz.send(WEBHOOK, new FuzzCases.Case("malformed event", "POST", PATH, null, body[0],
                    body[1], true, auth));
            if (r != null && (r.status() != 200 || !r.body().contains("\"rejectedReason\""))) {
                fuzz.violation(WEBHOOK, "malformed event " + Fuzz.abbreviate(body[1]) + " -> " + r.status() + " "
                        + Fuzz.abbreviate(r.body()) + " (expected 200, stored as rejected)");
            }
        }
        checkRejected(WEBHOOK, "WEBHOOK", markers);
        Fuzz.Response offline = fuzz.send(WEBHOOK, new FuzzCases.Case("valid event", "POST", PATH, null,
                "application/json", envelope("spark/status", "offline", device, stamp(60)), true, auth));
        boolean applied = offline != null && offline.status() == 200 && !offline.body().contains("rejectedReason")
                && awaitValid("WEBHOOK", "offline", maxId) && awaitOnline(false);
        if (!applied) {
            fuzz.violation(WEBHOOK, "the valid spark/status offline after the malformed deliveries was not stored and"
                    + " applied: " + (offline == null ? "no answer" : offline.status() + " " + offline.body()));
        }
        fuzz.send(WEBHOOK, new FuzzCases.Case("valid event", "POST", PATH, null, "application/json",
                envelope("spark/status", "online", device, stamp(120)), true, auth));
        awaitOnline(true);
        fuzz.out().printf("fuzz: webhook: %d unauthenticated/unsupported deliveries refused, %d malformed events,"
                + " then a valid event: %s%n", secrets.size() * 3 + 7, markers.size(),
                applied ? "stored and applied" : "NOT applied");
    }

    private void expectRefused(FuzzCases.Case c, List<String> batch) {
        Fuzz.Response r = fuzz.send(WEBHOOK, c);
        if (r != null && (r.status() < 400 || r.status() >= 500)) {
            fuzz.violation(WEBHOOK, c.kind() + " -> " + r.status() + " (expected a 4xx refusal)");
        }
        batch.add(c.kind());
    }

    // ---- shared checks

    /** Every marker has exactly one row of that source, rejected; none is stored as valid. */
    private void checkRejected(String operation, String source, List<String> markers) throws Exception {
        for (String marker : markers) {
            String row = fuzz.db().value("SELECT count(*) FILTER (WHERE rejected_reason IS NOT NULL) || ' '"
                    + " || count(*) FILTER (WHERE rejected_reason IS NULL) FROM device_event WHERE source = '"
                    + source + "' AND (data LIKE '%" + marker + "%' OR name LIKE '%" + marker + "%')");
            if (!"1 0".equals(row)) {
                fuzz.violation(operation, "malformed event " + marker + ": rejected/valid rows = " + row
                        + " (expected 1 0)");
            }
        }
    }

    private boolean awaitValid(String source, String data, long afterId) throws Exception {
        for (int i = 0; i < 60; i++) {
            String n = fuzz.db().value("SELECT count(*) FROM device_event WHERE source = '" + source
                    + "' AND name = 'spark/status' AND device_id = '" + device + "' AND data = '" + data
                    + "' AND rejected_reason IS NULL AND id > " + afterId);
            if (!"0".equals(n)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private boolean awaitOnline(boolean online) throws Exception {
        Http api = new Http(target.api(), target.adminToken());
        for (int i = 0; i < 60; i++) {
            if (Boolean.valueOf(online).equals(Json.at(Json.parse(api.ok("/api/v1/devices/" + device)), "online"))) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private long maxEventId() throws Exception {
        return Long.parseLong(fuzz.db().value("SELECT coalesce(max(id), 0) FROM device_event"));
    }

    /** A timestamp after every observation of the device (the simulator's clock may run ahead): + seconds. */
    private String stamp(int seconds) throws Exception {
        return fuzz.db().value("SELECT to_char((greatest(now(), online_changed_at, last_heard) + interval '"
                + (3600 + seconds) + " seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                + " FROM device WHERE id = '" + device + "'");
    }

    private static String envelope(String name, String data, String coreid, String publishedAt) {
        return "{\"event\":\"" + name + "\",\"data\":\"" + data + "\",\"coreid\":\"" + coreid
                + "\",\"published_at\":\"" + publishedAt + "\",\"fw_version\":1}";
    }

}
