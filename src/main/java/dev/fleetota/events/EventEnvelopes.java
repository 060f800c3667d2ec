package dev.fleetota.events;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Particle event envelopes (§9.2 SSE {@code data:} JSON, §12 webhook JSON and form bodies) into
 * {@link IncomingEvent}s. Tolerant: unknown keys are ignored, {@code ttl} and {@code version} may be numbers or
 * strings, {@code data} may be null or absent. An unreadable envelope becomes a malformed event, never an exception.
 */
final class EventEnvelopes {

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** One SSE block: {@code event:} line (may be null) and the joined {@code data:} lines. */
    IncomingEvent fromStream(String eventName, String envelope) {
        JsonNode root = readObject(envelope);
        String name = eventName != null && !eventName.isBlank() ? eventName : text(root, "name");
        if (root == null) {
            return IncomingEvent.malformed(name, envelope, "event envelope is not a JSON object");
        }
        return new IncomingEvent(name, text(root, "data"), text(root, "published_at"), text(root, "coreid"),
                integer(root, "version"));
    }

    /** A webhook delivery with a JSON body (a custom template may add {@code fw_version} / {@code PRODUCT_VERSION}). */
    IncomingEvent fromWebhookJson(String body) {
        JsonNode root = readObject(body);
        if (root == null) {
            return IncomingEvent.malformed(null, body, "webhook body is not a JSON object");
        }
        return new IncomingEvent(text(root, "event", "name"), text(root, "data"), text(root, "published_at"),
                text(root, "coreid", "device_id"), integer(root, "fw_version", "PRODUCT_VERSION", "version"));
    }

    /** Particle's default webhook body: form fields {@code event, data, published_at, coreid}. */
    IncomingEvent fromWebhookForm(Map<String, List<String>> form) {
        return new IncomingEvent(first(form, "event"), first(form, "data"), first(form, "published_at"),
                first(form, "coreid"), parseInteger(first(form, "fw_version", "PRODUCT_VERSION")));
    }

    private JsonNode readObject(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(text);
            return node != null && node.isObject() ? node : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static String text(JsonNode node, String... names) {
        if (node == null) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && !value.isNull() && !value.isMissingNode()) {
                return value.isValueNode() ? value.asString() : value.toString();
            }
        }
        return null;
    }

    private static Integer integer(JsonNode node, String... names) {
        return parseInteger(text(node, names));
    }

    private static Integer parseInteger(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> form, String... names) {
        for (String name : names) {
            List<String> values = form.get(name);
            if (values != null && !values.isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

}
