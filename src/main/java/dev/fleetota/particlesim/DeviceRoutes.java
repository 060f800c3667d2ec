package dev.fleetota.particlesim;

import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Device routes (§4, §5): list with filters/sort/paging, detail, update (lock/flash/groups/…), batch, ping, functions. */
final class DeviceRoutes {

    private final SimContext ctx;
    private final DeviceEngine engine;
    private final DeviceJson json;

    DeviceRoutes(SimContext ctx, DeviceEngine engine) {
        this.ctx = ctx;
        this.engine = engine;
        this.json = new DeviceJson(ctx);
    }

    void register(Router router) {
        router.add("GET", "/v1/products/:p/devices", "listDevices", this::list)
                .add("PUT", "/v1/products/:p/devices", "batchUpdate", this::batch)
                .add("GET", "/v1/products/:p/devices/:id", "getDevice", r -> get(r, true))
                .add("PUT", "/v1/products/:p/devices/:id", "updateDevice", r -> update(r, true))
                .add("PUT", "/v1/products/:p/devices/:id/ping", "ping", r -> ping(r, true))
                .add("POST", "/v1/products/:p/devices/:id/:fn", "callFunction", r -> call(r, true))
                .add("GET", "/v1/devices/:id", "getDevice", r -> get(r, false))
                .add("PUT", "/v1/devices/:id", "updateDevice", r -> update(r, false))
                .add("PUT", "/v1/devices/:id/ping", "ping", r -> ping(r, false))
                .add("POST", "/v1/devices/:id/:fn", "callFunction", r -> call(r, false));
    }

    private SimResponse list(SimRequest r) {
        String sortAttr = r.query("sortAttr");
        if (sortAttr != null && !List.of("deviceId", "firmwareVersion", "lastConnection").contains(sortAttr)) {
            throw ApiError.badRequest("Invalid sortAttr: " + sortAttr);
        }
        String sortDir = r.query("sortDir");
        boolean descending = sortDir == null ? sortAttr == null : sortDir.equalsIgnoreCase("desc");
        int perPage = pageSize(r);
        int page = Math.max(1, parseInt(r.query("page"), 1));
        DeviceFilter filter = DeviceFilter.from(r);
        SimDevice[] sorted = ctx.fleet.sorted(sortAttr, descending);
        ArrayNode devices = Json.MAPPER.createArrayNode();
        int matched = 0;
        int from = (page - 1) * perPage;
        for (SimDevice d : sorted) {
            if (!filter.test(d)) {
                continue;
            }
            if (matched >= from && matched < from + perPage) {
                devices.add(json.listEntry(d));
            }
            matched++;
        }
        ObjectNode body = Json.object();
        body.set("devices", devices);
        body.putArray("customers");
        body.putObject("meta").put("total_pages", (matched + perPage - 1) / perPage);
        return SimResponse.ok(body);
    }

    private int pageSize(SimRequest r) {
        String raw = r.query("perPage") != null ? r.query("perPage") : r.query("per_page");
        int size = parseInt(raw, ctx.settings.defaultPerPage());
        return Math.max(1, Math.min(size, ctx.settings.maxPerPage()));
    }

    private static int parseInt(String raw, int fallback) {
        try {
            return raw == null || raw.isBlank() ? fallback : Integer.parseInt(raw.trim());
        }
        catch (NumberFormatException ex) {
            throw ApiError.badRequest("Invalid number: " + raw);
        }
    }

    private SimResponse get(SimRequest r, boolean product) {
        return SimResponse.ok(json.detail(device(r, product)));
    }

    private SimResponse update(SimRequest r, boolean product) {
        SimDevice d = device(r, product);
        if (r.has("signal") && !r.has("desired_firmware_version")) {
            ObjectNode out = Json.object();
            out.put("id", d.id);
            out.put("connected", d.connected);
            out.put("signaling", Boolean.TRUE.equals(r.bool("signal")));
            return SimResponse.ok(out);
        }
        JsonNode desired = r.param("desired_firmware_version");
        DeviceUpdate update = new DeviceUpdate(desired != null, Json.isNullValue(desired) ? null : r.integer(
                "desired_firmware_version"), Boolean.TRUE.equals(r.bool("flash")), r.bool("development"),
                r.list("groups"), r.has("notes"), Json.isNullValue(r.param("notes")) ? null : r.text("notes"),
                r.text("name"), r.bool("firmware_updates_forced"));
        return SimResponse.ok(engine.applyUpdate(d, update));
    }

    private SimResponse batch(SimRequest r) {
        if (!"groups".equals(r.text("action"))) {
            throw ApiError.badRequest("Unsupported action: " + r.text("action"));
        }
        List<String> ids = r.list("devices");
        if (ids == null || ids.isEmpty()) {
            throw ApiError.badRequest("devices is required");
        }
        JsonNode metadata = r.param("metadata");
        List<String> add = names(metadata, "add");
        List<String> remove = names(metadata, "remove");
        engine.batchGroups(ids.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList(), add, remove);
        return SimResponse.ok(Json.ok());
    }

    private static List<String> names(JsonNode metadata, String key) {
        JsonNode node = metadata == null ? null : metadata.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            return node.values().stream().map(JsonNode::asString).toList();
        }
        return List.of(node.asString().split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private SimResponse ping(SimRequest r, boolean product) {
        SimDevice d = device(r, product);
        ObjectNode out = Json.object();
        out.put("online", engine.ping(d));
        out.put("ok", true);
        return SimResponse.ok(out);
    }

    private SimResponse call(SimRequest r, boolean product) {
        String arg = r.text("arg");
        if (arg != null && arg.length() > 63) {
            throw ApiError.badRequest("arg must be at most 63 characters");
        }
        return SimResponse.ok(engine.callFunction(device(r, product), r.path("fn")));
    }

    /** Unknown device: 404 on the product route, 403 on the sandbox route (as the real API answers). */
    SimDevice device(SimRequest r, boolean product) {
        return ctx.fleet.get(r.path("id")).orElseThrow(() -> product ? ApiError.notFound("Device not found.")
                : ApiError.permissionDenied());
    }

}
