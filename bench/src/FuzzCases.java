import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates the requests of one OpenAPI operation: bad tokens, invalid path and query parameters, invalid bodies
 * (per schema field and whole-body), and a few valid-shaped ones. Deterministic for a seed and a document.
 */
final class FuzzCases {

    /** One operation of the document. */
    record Operation(String method, String path, Map<String, Object> spec) {

        String key() {
            return method + " " + path;
        }

        boolean mutating() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        boolean eventStream() {
            return String.valueOf(spec.get("responses")).contains("text/event-stream");
        }
    }

    /**
     * One request. {@code auth} is the whole Authorization header value (null: none); {@code contentType} null: none.
     * {@code maySucceed}: valid-shaped, a 2xx is expected or allowed.
     */
    record Case(String kind, String method, String path, String auth, String contentType, String body,
            boolean maySucceed, Map<String, String> headers) {

        Case(String kind, String method, String path, String auth, String contentType, String body,
                boolean maySucceed) {
            this(kind, method, path, auth, contentType, body, maySucceed, Map.of());
        }
    }

    /** Path/query values of the fixtures the harness created: collection segment → a valid id. */
    interface Fixtures {

        String id(String collection, String param);

        String token(String role);
    }

    static final String UNKNOWN_ID = "987654321";



    private static final List<String> BAD_PATH = List.of("-1", "0", "99999999999999999999999", "abc", "1.5", "1e3",
            "null", "%C3%BC%E2%9C%93%F0%9F%98%80", "%20", "%00", "%2F", "..", "%2e%2e", "a;b=c", "%25",
            "9".repeat(5000), "%E2%80%AE" + "ab");

    private final Map<String, Object> doc;

    private final Fixtures fixtures;

    private final FuzzValues values;

    FuzzCases(Map<String, Object> doc, Fixtures fixtures) {
        this.doc = doc;
        this.values = new FuzzValues(doc);
        this.fixtures = fixtures;
    }

    @SuppressWarnings("unchecked")
    static List<Operation> operations(Map<String, Object> doc) {
        List<Operation> ops = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        for (Map.Entry<String, Object> p : paths.entrySet()) {
            for (Map.Entry<String, Object> m : ((Map<String, Object>) p.getValue()).entrySet()) {
                if (List.of("get", "put", "post", "delete", "patch").contains(m.getKey())) {
                    ops.add(new Operation(m.getKey().toUpperCase(), p.getKey(), (Map<String, Object>) m.getValue()));
                }
            }
        }
        ops.sort((a, b) -> a.key().compareTo(b.key()));
        return ops;
    }

    /** Every case of one operation; at most {@code max} (a seeded sample, valid-shaped ones always kept). */
    List<Case> of(Operation op, Random random, int max) {
        boolean lifecycle = op.path().matches(".*/(start|pause|resume|approve|cancel|retry|skip)$");
        // lifecycle actions and deletes never touch the fixtures: a valid one would start (or remove) them
        String target = path(op, lifecycle || op.method().equals("DELETE") ? p -> UNKNOWN_ID : p -> null);
        String admin = bearer(fixtures.token("ADMIN"));
        String bodyType = requestType(op);
        Map<String, Object> schema = requestSchema(op);
        String valid = schema == null ? null : FuzzJson.write(values.validValue(schema, 0));
        List<Case> invalid = new ArrayList<>();
        // tokens
        for (String[] t : List.of(new String[] { "no token", null }, new String[] { "garbage token", "Bearer garbage" },
                new String[] { "unknown fo_ token", "Bearer fo_" + "A1b2".repeat(10) },
                new String[] { "empty bearer", "Bearer " }, new String[] { "basic auth", "Basic YWRtaW46YWRtaW4=" },
                new String[] { "huge token", "Bearer " + "z".repeat(8000) },
                new String[] { "revoked token", bearer(fixtures.token("REVOKED")) },
                                new String[] { "token twice", admin + ", " + admin })) {
            invalid.add(new Case("auth: " + t[0], op.method(), target, t[1], bodyType, valid, false));
        }
        // RFC 9110: the scheme is case-insensitive, so this one may be accepted
        invalid.add(new Case("auth: lower-case scheme", op.method(), target, "bearer " + fixtures.token("VIEWER"),
                bodyType, valid, true));
        if (op.mutating()) {
            invalid.add(new Case("auth: viewer role", op.method(), target, bearer(fixtures.token("VIEWER")), bodyType,
                    valid, true));
        }
        // path parameters
        for (String name : params(op, "path")) {
            for (String bad : BAD_PATH) {
                String path = path(op, p -> p.equals(name) ? bad : null);
                invalid.add(new Case("path " + name + "=" + abbreviate(bad), op.method(), path, admin, bodyType, valid,
                        false));
            }
        }
        // query parameters (an object parameter is exploded: its properties are the query parameters)
        Map<String, Map<String, Object>> query = new LinkedHashMap<>();
        for (Map<String, Object> param : paramSpecs(op, "query")) {
            Map<String, Object> ps = values.resolve((Map<String, Object>) param.get("schema"));
            if (ps != null && ps.get("properties") instanceof Map<?, ?> props) {
                ((Map<String, Object>) props).forEach((k, v) -> query.put(k, values.resolve((Map<String, Object>) v)));
            }
            else {
                query.put((String) param.get("name"), ps);
            }
        }
        for (Map.Entry<String, Map<String, Object>> param : query.entrySet()) {
            String name = param.getKey();
            for (String bad : values.badQueryValues(param.getValue())) {
                String sep = target.contains("?") ? "&" : "?";
                invalid.add(new Case("query " + name + "=" + abbreviate(bad), op.method(),
                        target + sep + name + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), admin, bodyType,
                        valid, !op.mutating()));
            }
        }
        for (Map<String, Object> header : paramSpecs(op, "header")) {
            for (String bad : List.of("", "x".repeat(300), "\u00fc-not-ascii", "a b c")) {
                invalid.add(new Case("header " + header.get("name") + "=" + abbreviate(bad), op.method(), target,
                        admin, bodyType, valid, !op.mutating(), Map.of((String) header.get("name"), bad)));
            }
        }
        // unknown parameters may be ignored: with a valid body this one may be accepted
        invalid.add(new Case("query: unknown parameter", op.method(), target + (target.contains("?") ? "&" : "?")
                + "fuzz=%FF%FE", admin, bodyType, valid, true));
        // bodies
        if (schema != null) {
            invalid.addAll(bodyCases(op, target, admin, bodyType, schema));
        }
        else if (op.mutating()) {
            invalid.add(new Case("body: unexpected JSON", op.method(), target, admin, "application/json",
                    "{\"fuzz\": [1, 2, {\"deep\": null}]}", true));
        }
        List<Case> picked = sample(invalid, random, max);
        // valid-shaped: admin token, fixture ids (unknown ids for lifecycle actions and deletes), a valid body
        if (!op.eventStream()) {
            picked.add(new Case("valid-shaped", op.method(), target, admin, bodyType, valid, true));
        }
        return picked;
    }

    @SuppressWarnings("unchecked")
    private List<Case> bodyCases(Operation op, String target, String auth, String type, Map<String, Object> schema) {
        List<Case> cases = new ArrayList<>();
        String valid = FuzzJson.write(values.validValue(schema, 0));
        cases.add(new Case("body: empty", op.method(), target, auth, type, "", false));
        cases.add(new Case("body: none, no content type", op.method(), target, auth, null, null, false));
        cases.add(new Case("body: invalid JSON", op.method(), target, auth, type, "{\"a\": ", false));
        cases.add(new Case("body: truncated", op.method(), target, auth, type, valid.substring(0, valid.length() / 2),
                false));
        cases.add(new Case("body: JSON null", op.method(), target, auth, type, "null", false));
        cases.add(new Case("body: JSON string", op.method(), target, auth, type, "\"fuzz\"", false));
        cases.add(new Case("body: array instead of object", op.method(), target, auth, type, "[" + valid + "]", false));
        cases.add(new Case("body: deep nesting", op.method(), target, auth, type, "[".repeat(5000) + "]".repeat(5000),
                false));
        cases.add(new Case("body: deep object nesting", op.method(), target, auth, type,
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), false));
        cases.add(new Case("body: huge string", op.method(), target, auth, type, "\"" + FuzzValues.HUGE + "\"", false));
        cases.add(new Case("body: BOM + garbage", op.method(), target, auth, type, "\uFEFF\u0000garbage", false));
        cases.add(new Case("content type text/plain", op.method(), target, auth, "text/plain", valid, false));
        cases.add(new Case("content type application/xml", op.method(), target, auth, "application/xml",
                "<a>1</a>", false));
        cases.add(new Case("content type form", op.method(), target, auth, "application/x-www-form-urlencoded",
                "a=1&b=2", false));
        cases.add(new Case("content type bogus", op.method(), target, auth, "application/json; charset=bogus-42",
                valid, false));
        cases.add(new Case("content type malformed", op.method(), target, auth, "json", valid, false));
        if (!"object".equals(schema.get("type")) || !(schema.get("properties") instanceof Map)) {
            return cases;
        }
        Map<String, Object> validObject = (Map<String, Object>) values.validValue(schema, 0);
        cases.add(new Case("body: extra unknown property", op.method(), target, auth, type,
                FuzzJson.write(with(validObject, "fuzzUnknown", 1)), false));
        cases.add(new Case("body: duplicate keys", op.method(), target, auth, type,
                valid.replaceFirst("\\{", "{\"fuzzDup\": 1, \"fuzzDup\": 2, "), false));
        cases.add(new Case("body: empty object", op.method(), target, auth, type, "{}", true));
        List<String> required = (List<String>) schema.getOrDefault("required", List.of());
        for (String r : required) {
            Map<String, Object> without = new LinkedHashMap<>(validObject);
            without.remove(r);
            cases.add(new Case("body: missing required " + r, op.method(), target, auth, type, FuzzJson.write(without),
                    false));
        }
        Map<String, Object> props = (Map<String, Object>) schema.get("properties");
        for (Map.Entry<String, Object> p : props.entrySet()) {
            Map<String, Object> ps = values.resolve((Map<String, Object>) p.getValue());
            for (Map.Entry<String, Object> bad : values.badValues(ps).entrySet()) {
                cases.add(new Case("body: " + p.getKey() + " " + bad.getKey(), op.method(), target, auth, type,
                        FuzzJson.write(with(validObject, p.getKey(), bad.getValue())), !required.contains(p.getKey())
                                && bad.getKey().equals("null")));
            }
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> requestSchema(Operation op) {
        Object content = Json.at(op.spec(), "requestBody.content");
        if (!(content instanceof Map<?, ?> types) || types.isEmpty()) {
            return null;
        }
        Map<String, Object> media = (Map<String, Object>) types.values().iterator().next();
        return values.resolve((Map<String, Object>) media.get("schema"));
    }

    private static String requestType(Operation op) {
        Object content = Json.at(op.spec(), "requestBody.content");
        if (content instanceof Map<?, ?> types && !types.isEmpty()) {
            String first = types.keySet().iterator().next().toString();
            return types.containsKey("application/json") ? "application/json" : first;
        }
        return op.mutating() ? "application/json" : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> paramSpecs(Operation op, String in) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (op.spec().get("parameters") instanceof List<?> params) {
            for (Object p : params) {
                Map<String, Object> param = (Map<String, Object>) p;
                if (in.equals(param.get("in"))) {
                    out.add(param);
                }
            }
        }
        return out;
    }

    private static List<String> params(Operation op, String in) {
        return paramSpecs(op, in).stream().map(p -> (String) p.get("name")).toList();
    }

    /** The operation's path with fixture ids, or {@code override(name)} where it returns a value. */
    private String path(Operation op, Function<String, String> override) {
        String[] segments = op.path().split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            out.append('/');
            if (s.startsWith("{") && s.endsWith("}")) {
                String name = s.substring(1, s.length() - 1);
                String value = override.apply(name);
                out.append(value != null ? value : fixtures.id(segments[i - 1], name));
            }
            else {
                out.append(s);
            }
        }
        return out.toString();
    }

    private static List<Case> sample(List<Case> cases, Random random, int max) {
        List<Case> copy = new ArrayList<>(cases);
        if (copy.size() > max) {
            Collections.shuffle(copy, random);
            copy = new ArrayList<>(copy.subList(0, max));
        }
        return copy;
    }

    private static Map<String, Object> with(Map<String, Object> object, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.put(key, value);
        return copy;
    }

    private static String bearer(String token) {
        return token == null ? null : "Bearer " + token;
    }

    static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 12) + "…(" + s.length() + ")" : s;
    }

}
