package dev.fleetota.particle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Readers that never throw for missing, null or oddly typed fields (numbers as strings, etc.). */
final class TolerantJson {

    private TolerantJson() {
    }

    static void addAll(ArrayNode array, Collection<String> values) {
        if (values != null) {
            values.forEach(array::add);
        }
    }

    private static JsonNode field(JsonNode n, String... names) {
        for (String name : names) {
            JsonNode value = n.get(name);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return value;
            }
        }
        return null;
    }

    static String text(JsonNode n, String... names) {
        JsonNode value = field(n, names);
        return value == null || value.isContainer() ? null : value.asString();
    }

    static Integer integer(JsonNode n, String... names) {
        Long value = longValue(n, names);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    static Long longValue(JsonNode n, String... names) {
        JsonNode value = field(n, names);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        try {
            return value.isString() ? Long.valueOf(value.asString().trim()) : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    static Double number(JsonNode n, String name) {
        JsonNode value = field(n, name);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        try {
            return value.isString() ? Double.valueOf(value.asString().trim()) : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    static Boolean bool(JsonNode n, String... names) {
        JsonNode value = field(n, names);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isString() ? value.asString().trim() : "";
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    static Instant instant(JsonNode n, String... names) {
        String text = text(n, names);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    static List<String> strings(JsonNode n, String name) {
        JsonNode value = field(n, name);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> result = new ArrayList<>();
        value.forEach(item -> {
            if (item.isValueNode() && !item.isNull()) {
                result.add(item.asString());
            }
        });
        return List.copyOf(result);
    }

    static List<Integer> integers(JsonNode array) {
        List<Integer> result = new ArrayList<>();
        array.forEach(item -> {
            if (item.isIntegralNumber()) {
                result.add(item.intValue());
            }
        });
        return List.copyOf(result);
    }

    static Map<String, String> variables(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        node.properties().forEach(e -> result.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString()
                : e.getValue().toString()));
        return Map.copyOf(result);
    }

    static String uploader(JsonNode node) {
        return node.isObject() ? text(node, "username") : node.isValueNode() ? node.asString() : null;
    }

}
