package dev.fleetota.particlesim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Form-encoded bodies as a JSON tree, the way Particle's API reads them: {@code groups[]=a&groups[]=b} is an array,
 * {@code metadata[add][]=x} nests, a repeated plain key becomes an array, every value stays a string.
 */
final class FormBody {

    private FormBody() {
    }

    static ObjectNode parse(String body) {
        ObjectNode root = Json.object();
        if (body == null || body.isBlank()) {
            return root;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, key, value);
        }
        return root;
    }

    static void put(ObjectNode root, String key, String value) {
        List<String> path = path(key);
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            String next = path.get(i + 1);
            if (next.isEmpty() && i + 1 == path.size() - 1) {
                JsonNode existing = node.get(segment);
                ArrayNode array = existing instanceof ArrayNode a ? a : node.putArray(segment);
                array.add(value);
                return;
            }
            JsonNode existing = node.get(segment);
            node = existing instanceof ObjectNode o ? o : node.putObject(segment);
        }
        String last = path.get(path.size() - 1);
        JsonNode existing = node.get(last);
        if (existing instanceof ArrayNode array) {
            array.add(value);
        }
        else if (existing != null) {
            ArrayNode array = node.putArray(last);
            array.add(existing);
            array.add(value);
        }
        else {
            node.put(last, value);
        }
    }

    /** {@code a[b][]} → [a, b, ""]. */
    private static List<String> path(String key) {
        List<String> out = new ArrayList<>();
        int bracket = key.indexOf('[');
        if (bracket < 0) {
            out.add(key);
            return out;
        }
        out.add(key.substring(0, bracket));
        int i = bracket;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                break;
            }
            out.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return out;
    }

    static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Path segments: %XX only, '+' stays a plus. */
    static String decodePathSegment(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

}
