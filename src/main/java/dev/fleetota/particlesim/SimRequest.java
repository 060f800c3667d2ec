package dev.fleetota.particlesim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request: path parameters, query, and a body read as JSON, form or multipart into one JSON tree, so a route
 * reads {@code param("groups")} the same way whatever the encoding (§1: every endpoint accepts JSON or form).
 */
final class SimRequest {

    final HttpExchange exchange;
    final String method;
    final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private ObjectNode body;
    private List<Multipart.Part> parts = List.of();

    SimRequest(HttpExchange exchange, Map<String, String> pathParams) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.pathParams = pathParams;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String path(String name) {
        return pathParams.get(name);
    }

    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String clientIp() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    ObjectNode body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    List<Multipart.Part> parts() {
        body();
        return parts;
    }

    /** A parameter from the body, else from the query string; missing → null. */
    JsonNode param(String name) {
        JsonNode value = body().get(name);
        if (value != null) {
            return value;
        }
        String q = query(name);
        if (q != null) {
            return Json.MAPPER.getNodeFactory().stringNode(q);
        }
        List<String> array = query.get(name + "[]");
        if (array != null) {
            var node = Json.MAPPER.createArrayNode();
            array.forEach(node::add);
            return node;
        }
        return null;
    }

    boolean has(String name) {
        return param(name) != null;
    }

    String text(String name) {
        return Json.asText(param(name));
    }

    Integer integer(String name) {
        return Json.asInteger(param(name));
    }

    Boolean bool(String name) {
        return Json.asBoolean(param(name));
    }

    /** An array, a comma-separated string, or a single value; null when absent. */
    List<String> list(String name) {
        JsonNode value = param(name);
        if (value == null || value.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (value.isArray()) {
            value.values().forEach(v -> out.add(v.asString()));
        }
        else if (!value.asString().isBlank()) {
            Arrays.stream(value.asString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private ObjectNode readBody() {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        catch (IOException ex) {
            throw ApiError.badRequest("could not read the request body");
        }
        if (raw.length == 0) {
            return Json.object();
        }
        String type = String.valueOf(header("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return fromMultipart(raw, header("Content-Type"));
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        if (type.contains("json") || text.trim().startsWith("{")) {
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (node instanceof ObjectNode object) {
                    return object;
                }
                throw ApiError.badRequest("body must be a JSON object");
            }
            catch (tools.jackson.core.JacksonException ex) {
                throw ApiError.badRequest("Malformed JSON body");
            }
        }
        return FormBody.parse(text);
    }

    private ObjectNode fromMultipart(byte[] raw, String contentType) {
        parts = Multipart.parse(raw, Multipart.boundary(contentType));
        ObjectNode node = Json.object();
        for (Multipart.Part part : parts) {
            if (part.fileName() == null && part.name() != null) {
                FormBody.put(node, part.name(), part.text());
            }
        }
        return node;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = FormBody.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : FormBody.decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

}
