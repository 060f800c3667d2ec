import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Bad input (issue 6, fault 5): reads {@code /v3/api-docs} of a running service and sends every operation invalid
 * requests ({@link FuzzCases}), then malformed webhook deliveries and malformed SSE data ({@link FuzzEvents}).
 * Checks: no 5xx; every 4xx is an RFC 9457 problem document ({@code application/problem+json} with {@code type},
 * {@code title} and {@code status} equal to the HTTP status); no refused request writes to the database
 * ({@link FuzzDb}, exclusions listed there). Ends with {@code fuzz: R requests over O operations, V violations}.
 *
 * <p>Options (system properties): {@code fuzz.seed} (default 1), {@code fuzz.cases} (cases per operation, default
 * 60, valid-shaped ones come on top); {@code fuzz.api}, {@code fuzz.sim}, {@code fuzz.database}, {@code fuzz.secret}
 * point it at a service that is already running instead of starting one.
 */
public final class Fuzz {

    static final String WEBHOOK_SECRET = "fuzz-webhook-secret-0123456789";

    /** Where the service, its simulator and its database are. {@code webhookSecret} null: none configured. */
    record Target(String api, String sim, String database, String adminToken, String webhookSecret) {
    }

    record Response(int status, String contentType, String body) {
    }

    /** Per-operation counts. */
    static final class Counts {

        int requests;

        int ok;

        int clientErrors;

        int serverErrors;

        int violations;

        int unverified;
    }

    private final Target target;

    private final PrintStream out;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, Counts> counts = new TreeMap<>();

    private final List<String> violations = new ArrayList<>();

    private final List<String> accepted = new ArrayList<>();

    /** How often each kind of violation was printed (at most 3 of a kind are). */
    private final Map<String, Integer> printed = new TreeMap<>();

    private FuzzDb db;

    private long slowestMillis;

    private String slowest;

    private Fuzz(Target target, PrintStream out) {
        this.target = target;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.getLong("fuzz.seed", 1);
        int cases = Integer.getInteger("fuzz.cases", 60);
        if (System.getProperty("fuzz.api") != null) { // an already running service (development)
            Target target = new Target(System.getProperty("fuzz.api"), System.getProperty("fuzz.sim"),
                    System.getProperty("fuzz.database"), Procs.ADMIN_TOKEN, System.getProperty("fuzz.secret"));
            System.exit(run(target, seed, cases, System.out) == 0 ? 0 : 1);
        }
        System.exit(standalone(seed, cases) == 0 ? 0 : 1);
    }

    /**
     * Starts a simulator and a service of its own (database {@code fleetota_bench_fuzz}), fuzzes it and stops both;
     * returns the number of violations (the chaos harness's {@code fuzz} scenario calls this).
     */
    static int standalone(long seed, int cases) throws Exception {
        String database = "fleetota_bench_fuzz";
        long started = System.currentTimeMillis();
        String jdbc = Procs.freshDatabase(database);
        int simPort = Procs.freePort();
        int apiPort = Procs.freePort();
        Process sim = Procs.simulator(simPort, 20, 100, "--strict", "--rate-limit=10000000", "--sse-opens=100000");
        Process service = null;
        int violations;
        try {
            service = Procs.service("fuzz", apiPort, jdbc, simPort,
                    List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                    "--fleetota.particle.webhook-secret=" + WEBHOOK_SECRET);
            System.out.printf("fuzz: seed %d, %d cases per operation, service up after %ds%n", seed, cases,
                    (System.currentTimeMillis() - started) / 1000);
            violations = run(new Target("http://127.0.0.1:" + apiPort, "http://127.0.0.1:" + simPort, database,
                    Procs.ADMIN_TOKEN, WEBHOOK_SECRET), seed, cases, System.out);
            if (!service.isAlive()) {
                System.out.println("VIOLATION the service process died");
                violations++;
            }
        }
        finally {
            Procs.stop(service);
            Procs.stop(sim);
            Procs.dropDatabase(database);
        }
        System.out.printf("(wall clock %ds including start-up)%n", (System.currentTimeMillis() - started) / 1000);
        return violations;
    }

    /**
     * Fuzzes a running service (its simulator must be reachable for the SSE part). Returns the number of violations;
     * the chaos harness can call this with its own processes.
     */
    static int run(Target target, long seed, int casesPerOperation, PrintStream out) throws Exception {
        Fuzz fuzz = new Fuzz(target, out);
        try (FuzzDb db = new FuzzDb(target.database())) {
            fuzz.db = db;
            return fuzz.fuzz(seed, casesPerOperation);
        }
    }

    private int fuzz(long seed, int casesPerOperation) throws Exception {
        long started = System.currentTimeMillis();
        FuzzFixtures fixtures = FuzzFixtures.create(this, target);
        awaitQuiet();
        Map<String, Object> doc = Json.object(send("GET", "/v3/api-docs", null, null, null, Map.of()).body());
        List<FuzzCases.Operation> operations = FuzzCases.operations(doc);
        FuzzCases generator = new FuzzCases(doc, fixtures);
        out.printf("fuzz: %d operations in /v3/api-docs, %d tables compared (not compared: tables %s, columns %s,"
                + " rows %s)%n", operations.size(), db.tables().size(), FuzzDb.SKIPPED_TABLES,
                FuzzDb.SKIPPED_COLUMNS, FuzzDb.ROW_FILTERS);
        for (FuzzCases.Operation op : operations) {
            Random random = new Random(seed * 1_000_003L + op.key().hashCode());
            long t0 = System.currentTimeMillis();
            fuzzOperation(op, generator.of(op, random, casesPerOperation));
            print(op.key(), System.currentTimeMillis() - t0);
        }
        long t0 = System.currentTimeMillis();
        new FuzzEvents(this, target, fixtures).run();
        print(FuzzEvents.SSE, 0);
        print(FuzzEvents.WEBHOOK, System.currentTimeMillis() - t0);
        int requests = counts.values().stream().mapToInt(c -> c.requests).sum();
        int unverified = counts.values().stream().mapToInt(c -> c.unverified).sum();
        if (!violations.isEmpty()) {
            Map<String, Integer> kinds = new TreeMap<>();
            violations.forEach(v -> kinds.merge(signature(v), 1, Integer::sum));
            out.println("violations by kind:");
            kinds.forEach((k, n) -> out.printf("  %5d  %s%n", n, k));
        }
        if (!accepted.isEmpty()) {
            out.printf("accepted although invalid-looking (2xx, not violations; first %d of %d):%n",
                    Math.min(accepted.size(), 15), accepted.size());
            accepted.stream().limit(15).forEach(a -> out.println("  " + a));
        }
        out.printf("fuzz: seed %d, %.1f s, slowest request %d ms (%s), %d refused requests not write-checked (an"
                + " accepted request shared their batch)%n", seed, (System.currentTimeMillis() - started) / 1000.0,
                slowestMillis, slowest, unverified);
        out.printf("fuzz: %d requests over %d operations, %d violations%n", requests, operations.size() + 2,
                violations.size());
        return violations.size();
    }

    /**
     * Sends the cases; refused requests are batched (≤ 10) between database snapshots. A batch in which an
     * invalid-looking mutation was accepted cannot be checked (the accepted one may write): counted as unverified.
     */
    private void fuzzOperation(FuzzCases.Operation op, List<FuzzCases.Case> cases) throws IOException {
        Map<String, String> before = db.snapshot();
        List<String> batch = new ArrayList<>();
        for (FuzzCases.Case c : cases) {
            if (op.mutating() && c.maySucceed() && !batch.isEmpty()) {
                before = verify(op.key(), before, batch);
            }
            Response r = send(op.key(), c);
            if (r == null) {
                continue;
            }
            boolean refused = r.status() >= 400 && r.status() < 500;
            if (!op.mutating() || refused) {
                batch.add(c.kind());
                if (batch.size() >= 10) {
                    before = verify(op.key(), before, batch);
                }
            }
            else {
                counts(op.key()).unverified += batch.size();
                batch.clear();
                before = db.snapshot();
            }
        }
        if (!batch.isEmpty()) {
            verify(op.key(), before, batch);
        }
    }

    /** Compares the database with {@code before}; returns the new snapshot. */
    Map<String, String> verify(String operation, Map<String, String> before, List<String> batch) throws IOException {
        Map<String, String> after = db.snapshot();
        List<String> diff = FuzzDb.diff(before, after);
        if (!diff.isEmpty()) {
            violation(operation, "refused requests wrote to the database " + diff + "; batch: " + batch);
        }
        batch.clear();
        return after;
    }

    /** Sends one case and checks the answer; null when the request could not be sent at all (client-side). */
    Response send(String operation, FuzzCases.Case c) {
        Counts count = counts(operation);
        Response r;
        long t0 = System.nanoTime();
        try {
            r = send(c.method(), c.path(), c.auth(), c.contentType(), c.body(), c.headers());
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (millis > slowestMillis) {
                slowestMillis = millis;
                slowest = operation + " " + c.kind() + " -> " + r.status();
            }
        }
        catch (IllegalArgumentException ex) {
            return null; // the JDK client refuses to send it (e.g. a header value it considers invalid)
        }
        catch (HttpTimeoutException ex) {
            count.requests++;
            violation(operation, c.kind() + ": no answer within 20 s");
            return null;
        }
        catch (IOException ex) {
            count.requests++;
            violation(operation, c.kind() + ": " + ex);
            return null;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        count.requests++;
        if (r.status() >= 500) {
            count.serverErrors++;
            violation(operation, c.kind() + " -> " + r.status() + " " + abbreviate(r.body()));
        }
        else if (r.status() >= 400) {
            count.clientErrors++;
            String problem = problemError(r);
            if (problem != null) {
                violation(operation, c.kind() + " -> " + r.status() + ": " + problem);
            }
        }
        else {
            count.ok++;
            if (!c.maySucceed()) {
                accepted.add(operation + " " + c.kind() + " -> " + r.status());
            }
        }
        return r;
    }

    /** Why a 4xx is not a proper problem document, or null. */
    static String problemError(Response r) {
        if (r.contentType() == null || !r.contentType().startsWith("application/problem+json")) {
            return "Content-Type " + r.contentType() + ", not application/problem+json; body " + abbreviate(r.body());
        }
        Object body;
        try {
            body = Json.parse(r.body());
        }
        catch (RuntimeException ex) {
            return "body is not JSON: " + abbreviate(r.body());
        }
        if (!(body instanceof Map<?, ?> problem)) {
            return "body is not a JSON object: " + abbreviate(r.body());
        }
        if (!(problem.get("type") instanceof String) || !(problem.get("title") instanceof String)) {
            return "type or title missing: " + abbreviate(r.body());
        }
        if (!(problem.get("status") instanceof Number n) || n.intValue() != r.status()) {
            return "status member " + problem.get("status") + " != " + r.status();
        }
        return null;
    }

    Response send(String method, String path, String auth, String contentType, String body,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.api() + path))
            .timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = r.headers().firstValue("Content-Type").orElse(null);
        try (InputStream in = r.body()) {
            // an event stream that opened never ends: its headers are the answer
            String text = type != null && type.startsWith("text/event-stream") ? ""
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(r.statusCode(), type, text);
        }
    }

    private void print(String operation, long millis) {
        Counts c = counts(operation);
        out.printf("  %-56s %4d requests: 2xx %3d, 4xx %4d, 5xx %2d; %2d violations%s%s%n", operation, c.requests,
                c.ok, c.clientErrors, c.serverErrors, c.violations,
                c.unverified > 0 ? "; " + c.unverified + " refused not write-checked" : "",
                millis > 0 ? String.format(" (%.1f s)", millis / 1000.0) : "");
    }

    /** Waits (≤ 30 s) until two snapshots 1 s apart are equal: the start-up device sync and stream are done. */
    private void awaitQuiet() throws Exception {
        Map<String, String> last = db.snapshot();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            Map<String, String> now = db.snapshot();
            if (now.equals(last)) {
                return;
            }
            last = now;
        }
        out.println("fuzz: WARNING the database never went quiet; write checks may report background writes");
    }

    Counts counts(String operation) {
        return counts.computeIfAbsent(operation, k -> new Counts());
    }

    FuzzDb db() {
        return db;
    }

    void violation(String operation, String text) {
        violations.add(text);
        counts(operation).violations++;
        if (printed.merge(signature(text), 1, Integer::sum) <= 3) {
            out.println("VIOLATION " + operation + ": " + text);
        }
    }

    PrintStream out() {
        return out;
    }

    /** A violation without its request-specific parts, to group them. */
    private static String signature(String violation) {
        String s = violation.replaceAll("\\d+", "N").replaceAll("\"timestamp\":\"[^\"]*\"", "");
        int arrow = s.indexOf(" -> ");
        s = arrow > 0 ? s.substring(arrow) : s;
        return s.length() > 140 ? s.substring(0, 140) : s;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "(no body)";
        }
        String flat = s.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

}
