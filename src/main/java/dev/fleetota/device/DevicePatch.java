package dev.fleetota.device;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.fleetota.common.InvalidRequestException;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch (RFC 7396) of a device's local fields: an absent field stays unchanged, an explicit null
 * clears it. Unknown properties and every invalid value are rejected with a 400 problem.
 */
record DevicePatch(boolean hasTags, List<String> tags, boolean hasSite, String site, boolean hasTimeZone,
        String timeZone) {

    static final int MAX_TAGS = 20;

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,50}");

    private static final Set<String> FIELDS = Set.of("tags", "site", "timeZone");

    static DevicePatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("malformed-request", "The patch must be a JSON object.", Map.of());
        }
        List<String> unknown = body.propertyNames().stream().filter(name -> !FIELDS.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("malformed-request", "Unknown property " + unknown
                    + ": only tags, site and timeZone can be changed.", Map.of("unknownProperties", unknown));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<String> tags = body.has("tags") ? tags(body.get("tags"), errors) : null;
        String site = body.has("site") ? site(body.get("site"), errors) : null;
        String timeZone = body.has("timeZone") ? timeZone(body.get("timeZone"), errors) : null;
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("validation", errors.size() + " invalid field(s)",
                    Map.of("errors", errors));
        }
        return new DevicePatch(body.has("tags"), tags, body.has("site"), site, body.has("timeZone"), timeZone);
    }

    boolean isEmpty() {
        return !hasTags && !hasSite && !hasTimeZone;
    }

    private static List<String> tags(JsonNode node, List<Map<String, Object>> errors) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(error("tags", "must be an array of strings or null", null));
            return null;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : node) {
            if (!tag.isString() || !TAG.matcher(tag.stringValue()).matches()) {
                errors.add(error("tags", "each tag must be 1-50 characters of letters, digits and _ . : -",
                        tag.toString()));
                return null;
            }
            tags.add(tag.stringValue());
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(error("tags", "at most " + MAX_TAGS + " tags", null));
            return null;
        }
        return List.copyOf(tags);
    }

    private static String site(JsonNode node, List<Map<String, Object>> errors) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isString() || node.stringValue().isBlank() || node.stringValue().length() > 100) {
            errors.add(error("site", "must be a non-blank string of at most 100 characters, or null", null));
            return null;
        }
        return node.stringValue().trim();
    }

    private static String timeZone(JsonNode node, List<Map<String, Object>> errors) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isString() || !ZoneId.getAvailableZoneIds().contains(node.stringValue())) {
            errors.add(error("timeZone", "must be an IANA time zone id such as Europe/Zurich, or null",
                    node.isString() ? node.stringValue() : node.toString()));
            return null;
        }
        return node.stringValue();
    }

    private static Map<String, Object> error(String field, String message, String rejected) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        if (rejected != null && rejected.length() <= 200) {
            error.put("rejectedValue", rejected);
        }
        return error;
    }

}
