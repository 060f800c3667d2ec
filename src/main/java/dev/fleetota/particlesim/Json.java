package dev.fleetota.particlesim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers shared by the routes: one mapper, Particle's timestamp format, lenient value coercion. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** ISO-8601 UTC with milliseconds, as Particle writes them: 2024-05-13T10:55:02.520Z. */
    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    static String timestamp(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    static ObjectNode error(String message) {
        ObjectNode node = object();
        node.put("ok", false);
        node.put("error", message);
        return node;
    }

    static ObjectNode ok() {
        ObjectNode node = object();
        node.put("ok", true);
        return node;
    }

    /** Form values arrive as strings: "true"/"false" and numbers are coerced, "null" means null. */
    static Boolean asBoolean(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asString().trim();
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return false;
        }
        return null;
    }

    static boolean isNullValue(JsonNode node) {
        return node != null && (node.isNull() || (node.isString() && node.asString().trim().equals("null"))
                || (node.isString() && node.asString().isBlank()));
    }

    static Integer asInteger(JsonNode node) {
        if (node == null || node.isMissingNode() || isNullValue(node)) {
            return null;
        }
        if (node.isNumber()) {
            return node.intValue();
        }
        try {
            return Integer.valueOf(node.asString().trim());
        }
        catch (NumberFormatException ex) {
            throw ApiError.badRequest("invalid number: " + node.asString());
        }
    }

    static String asText(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

}
