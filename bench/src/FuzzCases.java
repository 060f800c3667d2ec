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

    private static final String HUGE = "x".repeat(200_000);

    /** Elements of the "huge array" case: above every {@code maxItems} of the API except cohort device ids (100,000). */
    private static final int HUGE_ARRAY = Integer.getInteger("fuzz.hugeArray", 20_000);

    private static final List<String> BAD_PATH = List.of("-1", "0", "99999999999999999999999", "abc", "1.5", "1e3",
            "null", "%C3%BC%E2%9C%93%F0%9F%98%80", "%20", "%00", "%2F", "..", "%2e%2e", "a;b=c", "%25",
            "9".repeat(5000), "%E2%80%AE" + "ab");

    private final Map<String, Object> doc;

    private final Fixtures fixtures;

    FuzzCases(Map<String, Object> doc, Fixtures fixtures) {
        this.doc = doc;
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
        String valid = schema == null ? null : FuzzJson.write(validValue(schema, 0));
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
            Map<String, Object> ps = resolve((Map<String, Object>) param.get("schema"));
            if (ps != null && ps.get("properties") instanceof Map<?, ?> props) {
                ((Map<String, Object>) props).forEach((k, v) -> query.put(k, resolve((Map<String, Object>) v)));
            }
            else {
                query.put((String) param.get("name"), ps);
            }
        }
        for (Map.Entry<String, Map<String, Object>> param : query.entrySet()) {
            String name = param.getKey();
            for (String bad : badQueryValues(param.getValue())) {
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
        String valid = FuzzJson.write(validValue(schema, 0));
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
        cases.add(new Case("body: huge string", op.method(), target, auth, type, "\"" + HUGE + "\"", false));
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
        Map<String, Object> validObject = (Map<String, Object>) validValue(schema, 0);
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
            Map<String, Object> ps = resolve((Map<String, Object>) p.getValue());
            for (Map.Entry<String, Object> bad : badValues(ps).entrySet()) {
                cases.add(new Case("body: " + p.getKey() + " " + bad.getKey(), op.method(), target, auth, type,
                        FuzzJson.write(with(validObject, p.getKey(), bad.getValue())), !required.contains(p.getKey())
                                && bad.getKey().equals("null")));
            }
        }
        return cases;
    }

    /** Wrong values for one field, by its schema type. */
    private Map<String, Object> badValues(Map<String, Object> schema) {
        Map<String, Object> bad = new LinkedHashMap<>();
        String type = String.valueOf(schema.get("type"));
        bad.put("null", null);
        bad.put("object", Map.of("fuzz", List.of(1, "two")));
        switch (type) {
            case "integer", "number" -> {
                bad.put("string", "abc");
                bad.put("overflow", new FuzzJson.Raw("123456789012345678901234567890"));
                bad.put("negative", -1);
                bad.put("fraction", 1.5);
                bad.put("huge exponent", new FuzzJson.Raw("1e400"));
                bad.put("boolean", true);
            }
            case "boolean" -> {
                bad.put("string", "maybe");
                bad.put("number", 2);
            }
            case "array" -> {
                bad.put("string", "not-an-array");
                bad.put("array of nulls", Collections.nCopies(3, null));
                bad.put("array of objects", List.of(Map.of("a", 1)));
                bad.put("huge array", Collections.nCopies(HUGE_ARRAY, 1));
            }
            default -> {
                bad.put("number", 42);
                bad.put("array", List.of("a"));
                bad.put("huge string", HUGE);
                bad.put("empty string", "");
                bad.put("control characters", "a\u0000b\u001b[31m\r\n");
                bad.put("unicode", "\u202e\uD83D\uDE00\u00fc\u4e2d");
                if (schema.get("enum") != null) {
                    bad.put("unknown enum value", "NOT_A_VALUE");
                }
                if (schema.get("format") != null) {
                    bad.put("bad " + schema.get("format"), "2026-13-45T99:99:99Z");
                }
                bad.put("bad duration", "PT-9999999999999999H");
            }
        }
        return bad;
    }

    private List<String> badQueryValues(Map<String, Object> schema) {
        String type = schema == null ? "string" : String.valueOf(schema.get("type"));
        List<String> bad = new ArrayList<>(List.of("", "%", "\u00fc\u202e", "x".repeat(5000)));
        switch (type) {
            case "integer", "number" -> bad.addAll(List.of("-1", "1000000000", "abc", "99999999999999999999", "1.5"));
            case "boolean" -> bad.add("maybe");
            default -> {
                bad.addAll(List.of("NOT_A_VALUE", "2026-13-45T99:00:00Z", "yesterday", "-1", "1000000000"));
            }
        }
        if (schema != null && schema.get("enum") != null) {
            bad.add("not_an_enum_value");
        }
        return bad;
    }

    /** A plausible value for a schema (depth-limited). */
    @SuppressWarnings("unchecked")
    Object validValue(Map<String, Object> raw, int depth) {
        Map<String, Object> schema = resolve(raw);
        if (schema == null || depth > 6) {
            return null;
        }
        if (schema.get("example") != null) {
            return schema.get("example");
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String type = String.valueOf(schema.get("type"));
        String format = String.valueOf(schema.get("format"));
        String pattern = String.valueOf(schema.get("pattern"));
        if (pattern.contains("0-9a-f")) {
            return "abcdef0123456789abcdef01";
        }
        if (pattern.matches("[A-Z_|]+")) {
            return pattern.split("\\|")[0];
        }
        switch (type) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                if (schema.get("properties") instanceof Map<?, ?> props) {
                    for (Map.Entry<String, Object> p : ((Map<String, Object>) props).entrySet()) {
                        out.put(p.getKey(), named(p.getKey(), validValue((Map<String, Object>) p.getValue(),
                                depth + 1)));
                    }
                }
                return out;
            }
            case "array" -> {
                Object item = validValue((Map<String, Object>) schema.get("items"), depth + 1);
                return item == null ? List.of() : List.of(item);
            }
            case "integer" -> {
                return 1;
            }
            case "number" -> {
                return 0.5;
            }
            case "boolean" -> {
                return false;
            }
            default -> {
                return switch (format) {
                    case "date-time" -> "2026-01-01T00:00:00Z";
                    case "date" -> "2026-01-01";
                    case "duration" -> "PT1H";
                    default -> "fuzz-" + depth;
                };
            }
        }
    }

    /** Values the schema cannot express (a Device OS version, the simulator's product). */
    private static Object named(String property, Object value) {
        if (property.toLowerCase().contains("deviceos")) {
            return "6.1.1";
        }
        return property.equals("productId") ? 30301 : value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null) {
            return null;
        }
        Object ref = schema.get("$ref");
        if (ref != null) {
            String name = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
            return resolve((Map<String, Object>) Json.at(doc, "components.schemas." + name));
        }
        if (schema.get("allOf") instanceof List<?> all && all.size() == 1) {
            return resolve((Map<String, Object>) all.get(0));
        }
        if (schema.get("oneOf") instanceof List<?> one && !one.isEmpty()) {
            return resolve((Map<String, Object>) one.get(0));
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> requestSchema(Operation op) {
        Object content = Json.at(op.spec(), "requestBody.content");
        if (!(content instanceof Map<?, ?> types) || types.isEmpty()) {
            return null;
        }
        Map<String, Object> media = (Map<String, Object>) types.values().iterator().next();
        return resolve((Map<String, Object>) media.get("schema"));
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
