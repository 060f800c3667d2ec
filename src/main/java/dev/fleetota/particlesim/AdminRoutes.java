package dev.fleetota.particlesim;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Simulator-only ground truth and fault injection under {@code /sim/} (no Particle auth, no rate limits; never
 * exposes the access token). docs/simulator.md has curl examples for every route.
 */
final class AdminRoutes {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final ParticleSimulator sim;

    AdminRoutes(ParticleSimulator sim) {
        this.sim = sim;
    }

    void register(Router router) {
        router.admin("GET", "/sim", "sim.info", r -> SimResponse.ok(info()))
                .admin("GET", "/sim/devices", "sim.devices", this::devices)
                .admin("POST", "/sim/devices", "sim.addDevice", this::addDevice)
                .admin("GET", "/sim/devices/:id", "sim.device", this::device)
                .admin("POST", "/sim/devices/:id/faults", "sim.deviceFaults", this::deviceFaults)
                .admin("POST", "/sim/devices/:id/power", "sim.power", this::power)
                .admin("POST", "/sim/devices/:id/updates", "sim.updates", this::updates)
                .admin("POST", "/sim/devices/:id/events", "sim.publish", this::publish)
                .admin("GET", "/sim/faults", "sim.faults", r -> SimResponse.ok(STRICT.valueToTree(sim.globalFaults())))
                .admin("POST", "/sim/faults", "sim.setFaults", this::globalFaults)
                .admin("POST", "/sim/events/flood", "sim.flood", this::flood)
                .admin("GET", "/sim/events/flood", "sim.floodStatus", this::floodStatus)
                .admin("POST", "/sim/streams/drop", "sim.dropStreams", this::dropStreams)
                .admin("POST", "/sim/streams/raw", "sim.rawStreams", this::rawStreams)
                .admin("POST", "/sim/firmware", "sim.addFirmware", this::addFirmware)
                .admin("GET", "/sim/stats", "sim.stats", r -> SimResponse.ok(STRICT.valueToTree(sim.stats())));
    }

    private ObjectNode info() {
        ObjectNode out = Json.object();
        out.put("baseUrl", sim.baseUrl());
        out.put("productId", sim.productId());
        out.put("productSlug", sim.productSlug());
        out.put("devices", sim.deviceCount());
        out.put("timeScale", sim.settings().timeScale());
        out.put("seed", sim.settings().seed());
        return out;
    }

    /** Paged snapshots; filters {@code phase}, {@code bricked}, {@code online}. */
    private SimResponse devices(SimRequest r) {
        int page = Math.max(1, intOr(r.query("page"), 1));
        int perPage = Math.max(1, Math.min(1000, intOr(r.query("perPage"), 100)));
        String phase = r.query("phase");
        String bricked = r.query("bricked");
        String online = r.query("online");
        List<DeviceSnapshot> matching = Arrays.stream(sim.context().fleet.all()).map(sim.engine()::snapshot)
                .filter(s -> phase == null || s.phase().equalsIgnoreCase(phase))
                .filter(s -> bricked == null || s.bricked() == Boolean.parseBoolean(bricked))
                .filter(s -> online == null || s.online() == Boolean.parseBoolean(online)).toList();
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("devices");
        matching.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(s -> array.add(tree(s)));
        out.put("total", matching.size());
        return SimResponse.ok(out);
    }

    private SimResponse device(SimRequest r) {
        String id = find(r).id;
        ObjectNode out = tree(sim.device(id));
        out.set("flashCommands", STRICT.valueToTree(sim.flashCommands(id)));
        out.set("timeline", STRICT.valueToTree(sim.timeline(id)));
        return SimResponse.ok(out);
    }

    private SimResponse addDevice(SimRequest r) {
        String platformText = r.text("platform");
        if (platformText == null) {
            throw ApiError.badRequest("platform is required (id such as 13 or name such as BORON)");
        }
        Platform platform = platformText.chars().allMatch(Character::isDigit) ? Platform.byId(Integer.parseInt(
                platformText)) : Platform.valueOf(platformText.toUpperCase(Locale.ROOT).replace(' ', '_'));
        DeviceSpec spec = DeviceSpec.of(platform).withId(r.text("id")).withName(r.text("name"))
                .withDeviceOs(r.text("deviceOs")).withFirmware(r.integer("firmware") == null ? 1 : r.integer("firmware"))
                .withOnline(!Boolean.FALSE.equals(r.bool("online")))
                .withUpdatesEnabled(!Boolean.FALSE.equals(r.bool("updatesEnabled")))
                .withDevelopment(Boolean.TRUE.equals(r.bool("development")));
        if (r.text("sim") != null) {
            spec = spec.withSim(SimKind.valueOf(r.text("sim").toUpperCase(Locale.ROOT)));
        }
        if (r.text("timeZone") != null) {
            spec = spec.withTimeZone(ZoneId.of(r.text("timeZone")));
        }
        if (r.list("groups") != null) {
            spec = spec.withGroups(r.list("groups"));
        }
        if (r.param("fault") != null) {
            spec = spec.withFault(read(r.param("fault"), Fault.class));
        }
        return SimResponse.status(201, tree(sim.addDevice(spec)));
    }

    /** The body names the faults to switch on; every fault it does not name is off (a partial body is fine). */
    private SimResponse deviceFaults(SimRequest r) {
        SimDevice d = find(r);
        ObjectNode merged = (ObjectNode) STRICT.valueToTree(Fault.NONE);
        if (r.body() != null) {
            merged.setAll(r.body());
        }
        sim.setFault(d.id, read(merged, Fault.class));
        return SimResponse.ok(tree(sim.device(d.id)));
    }

    private SimResponse power(SimRequest r) {
        SimDevice d = find(r);
        Boolean on = r.bool("on");
        if (on == null) {
            throw ApiError.badRequest("on (true/false) is required");
        }
        if (on) {
            sim.powerOn(d.id);
        }
        else {
            sim.powerOff(d.id);
        }
        return SimResponse.ok(tree(sim.device(d.id)));
    }

    private SimResponse updates(SimRequest r) {
        SimDevice d = find(r);
        Boolean enabled = r.bool("enabled");
        if (enabled == null) {
            throw ApiError.badRequest("enabled (true/false) is required");
        }
        sim.setUpdatesEnabled(d.id, enabled);
        return SimResponse.ok(tree(sim.device(d.id)));
    }

    private SimResponse publish(SimRequest r) {
        SimDevice d = find(r);
        if (r.text("name") == null) {
            throw ApiError.badRequest("name is required");
        }
        sim.publish(d.id, r.text("name"), r.text("data"));
        return SimResponse.ok(Json.ok());
    }

    /** {@code {"count":N,"ratePerSecond":R,"names":[...]}}: starts a flood of device events, answers 202. */
    private SimResponse flood(SimRequest r) {
        Integer count = r.integer("count");
        if (count == null || count < 1) {
            throw ApiError.badRequest("count (at least 1) is required");
        }
        JsonNode rate = r.param("ratePerSecond");
        double ratePerSecond = rate == null || rate.isNull() ? 0 : rate.asDouble();
        if (ratePerSecond < 0) {
            throw ApiError.badRequest("ratePerSecond must not be negative");
        }
        List<String> names = r.list("names") == null ? List.of("spark/status", "spark/device/last_reset",
                "spark/flash/status") : r.list("names");
        List<String> unknown = names.stream().filter(n -> !EventFlood.NAMES.contains(n)).toList();
        if (names.isEmpty() || !unknown.isEmpty()) {
            throw ApiError.badRequest("names must be a non-empty subset of " + new java.util.TreeSet<>(
                    EventFlood.NAMES) + (unknown.isEmpty() ? "" : "; unknown: " + unknown));
        }
        sim.flood(count, ratePerSecond, names);
        return SimResponse.status(202, sim.floodStatus());
    }

    private SimResponse floodStatus(SimRequest r) {
        ObjectNode status = sim.floodStatus();
        if (status == null) {
            throw ApiError.notFound("no flood was started");
        }
        return SimResponse.ok(status);
    }

    private SimResponse globalFaults(SimRequest r) {
        sim.globalFaults(read(r.body(), GlobalFaults.class));
        return SimResponse.ok(STRICT.valueToTree(sim.globalFaults()));
    }

    private SimResponse dropStreams(SimRequest r) {
        ObjectNode out = Json.ok();
        out.put("dropped", sim.dropStreams());
        return SimResponse.ok(out);
    }

    private SimResponse rawStreams(SimRequest r) {
        String text = r.text("text");
        if (text == null || text.isEmpty()) {
            throw ApiError.badRequest("text (raw SSE lines) is required");
        }
        ObjectNode out = Json.ok();
        out.put("streams", sim.sendRawToStreams(text));
        return SimResponse.ok(out);
    }

    private SimResponse addFirmware(SimRequest r) {
        Integer version = r.integer("version");
        if (version == null) {
            throw ApiError.badRequest("version is required");
        }
        ProductFirmware fw = sim.firmwareRoutes().create(version, r.text("device_os_version"), r.text("title"),
                r.text("description"), "firmware-v" + version + ".bin", new byte[0]);
        return SimResponse.status(201, sim.firmwareRoutes().firmwareJson(fw, false));
    }

    private SimDevice find(SimRequest r) {
        return sim.context().fleet.get(r.path("id")).orElseThrow(() -> ApiError.notFound("no simulated device "
                + r.path("id")));
    }

    private static ObjectNode tree(Object value) {
        return STRICT.valueToTree(value);
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return STRICT.treeToValue(node, type);
        }
        catch (JacksonException ex) {
            throw ApiError.badRequest("invalid " + type.getSimpleName() + ": " + ex.getOriginalMessage());
        }
        catch (IllegalArgumentException ex) {
            throw ApiError.badRequest("invalid " + type.getSimpleName() + ": " + ex.getMessage());
        }
    }

    private static int intOr(String raw, int fallback) {
        try {
            return raw == null ? fallback : Integer.parseInt(raw);
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

}
