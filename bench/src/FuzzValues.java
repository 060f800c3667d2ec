import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** Values for the fuzzer, from the OpenAPI document's schemas: wrong ones per field type, plausible ones, {@code $ref}s. */
final class FuzzValues {

    static final String HUGE = "x".repeat(200_000);

    /** Elements of the "huge array" case: above every {@code maxItems} of the API except cohort device ids (100,000). */
    private static final int HUGE_ARRAY = Integer.getInteger("fuzz.hugeArray", 20_000);

    private final Map<String, Object> doc;

    FuzzValues(Map<String, Object> doc) {
        this.doc = doc;
    }

    /** Wrong values for one field, by its schema type. */
    Map<String, Object> badValues(Map<String, Object> schema) {
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

    List<String> badQueryValues(Map<String, Object> schema) {
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

}
