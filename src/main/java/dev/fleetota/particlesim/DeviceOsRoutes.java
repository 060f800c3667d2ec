package dev.fleetota.particlesim;

import java.util.List;
import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /v1/device-os/versions[/:version]} (§8), also answered at {@code /v1/device-os-versions}. */
final class DeviceOsRoutes {

    private static final String BASE_URL = "https://api.particle.io/v1/firmware/device-os/v";

    void register(Router router) {
        for (String base : List.of("/v1/device-os/versions", "/v1/device-os-versions")) {
            router.add("GET", base, "deviceOsVersions", this::list)
                    .add("GET", base + "/:version", "deviceOsVersion", this::get);
        }
    }

    private SimResponse list(SimRequest r) {
        Integer platform = r.integer("platform_id");
        Integer internal = r.integer("internal_version");
        List<DeviceOsCatalog.Version> versions = DeviceOsCatalog.all().stream()
                .filter(v -> platform == null || v.platforms().contains(platform))
                .filter(v -> internal == null || v.internal() == internal).toList();
        int perPage = Math.max(1, r.integer("per_page") == null ? 25 : r.integer("per_page"));
        int page = Math.max(1, r.integer("page") == null ? 1 : r.integer("page"));
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray("versions");
        versions.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(v -> array.add(summary(v)));
        out.putObject("meta").put("total", versions.size());
        return SimResponse.ok(out);
    }

    private SimResponse get(SimRequest r) {
        Integer platform = r.integer("platform_id");
        DeviceOsCatalog.Version v = DeviceOsCatalog.find(r.path("version"), platform)
                .orElseThrow(() -> ApiError.notFound("Device OS version not found"));
        ObjectNode out = summary(v);
        if (platform != null) {
            modules(out.putArray("modules"), v, Platform.byId(platform));
        }
        return SimResponse.ok(out);
    }

    private static ObjectNode summary(DeviceOsCatalog.Version v) {
        ObjectNode n = Json.object();
        n.put("version", v.version());
        n.put("internal_version", v.internal());
        n.put("state", v.state());
        n.put("base_url", BASE_URL + v.version());
        ArrayNode platforms = n.putArray("supported_platforms");
        v.platforms().stream().sorted().forEach(platforms::add);
        return n;
    }

    private static void modules(ArrayNode modules, DeviceOsCatalog.Version v, Platform platform) {
        String slug = platform.displayName().toLowerCase(Locale.ROOT).replace(" ", "");
        module(modules, slug + "-bootloader@" + v.version() + ".bin", "bootloader", 0, v.bootloader(), platform, 0);
        for (int part = 1; part <= platform.systemParts(); part++) {
            module(modules, slug + "-system-part" + part + "@" + v.version() + ".bin", "system_part", part,
                    v.internal(), platform, part == 1 ? v.bootloader() : v.internal());
        }
    }

    private static void module(ArrayNode modules, String filename, String function, int index, int version,
            Platform platform, int dependency) {
        ObjectNode m = modules.addObject();
        m.put("filename", filename);
        m.putObject("crc");
        ObjectNode prefix = m.putObject("prefixInfo");
        prefix.put("moduleFunction", function);
        prefix.put("moduleIndex", index);
        prefix.put("moduleVersion", version);
        prefix.put("platformID", platform.id());
        if (dependency > 0) {
            prefix.put("depModuleVersion", dependency);
        }
        m.putObject("suffixInfo");
    }

}
