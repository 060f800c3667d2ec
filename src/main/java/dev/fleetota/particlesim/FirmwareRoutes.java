package dev.fleetota.particlesim;

import java.util.List;
import java.util.Random;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Product firmware (§6): list, upload (multipart {@code binary} or {@code file}; simulator extension field
 * {@code device_os_version}), get, edit, delete, binary, release (emits {@code particle/firmware/create|release}).
 */
final class FirmwareRoutes {

    private final SimContext ctx;
    private final DeviceEngine engine;
    private final Random ids;

    FirmwareRoutes(SimContext ctx, DeviceEngine engine) {
        this.ctx = ctx;
        this.engine = engine;
        this.ids = Ids.random(ctx.settings.seed() + 77);
    }

    void register(Router router) {
        router.add("GET", "/v1/products/:p/firmware", "listFirmware", this::list)
                .add("POST", "/v1/products/:p/firmware", "uploadFirmware", this::upload)
                .add("PUT", "/v1/products/:p/firmware/release", "releaseFirmware", this::release)
                .add("GET", "/v1/products/:p/firmware/:version", "getFirmware", r -> SimResponse.ok(
                        firmwareJson(find(r), false)))
                .add("PUT", "/v1/products/:p/firmware/:version", "editFirmware", this::edit)
                .add("DELETE", "/v1/products/:p/firmware/:version", "deleteFirmware", this::delete)
                .add("GET", "/v1/products/:p/firmware/:version/binary", "firmwareBinary",
                        r -> SimResponse.bytes(find(r).binary, "application/octet-stream"));
    }

    private SimResponse list(SimRequest r) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        ctx.firmware.all().stream().sorted((a, b) -> Integer.compare(b.version, a.version))
                .forEach(fw -> out.add(firmwareJson(fw, true)));
        return SimResponse.ok(out);
    }

    private SimResponse upload(SimRequest r) {
        Integer version = r.integer("version");
        if (version == null || version <= 0) {
            throw ApiError.badRequest("version is required and must be a positive integer");
        }
        Multipart.Part binary = r.parts().stream()
                .filter(p -> p.fileName() != null && ("binary".equals(p.name()) || "file".equals(p.name())))
                .findFirst().orElse(null);
        String os = r.text("device_os_version");
        ProductFirmware fw = create(version, os, r.text("title"), r.text("description"),
                binary == null ? "firmware.bin" : binary.fileName(), binary == null ? new byte[0] : binary.content());
        fw.mandatory = Boolean.TRUE.equals(r.bool("mandatory"));
        return SimResponse.status(201, firmwareJson(fw, false));
    }

    /** Adds a version (also used by the Java and admin APIs) and emits {@code particle/firmware/create}. */
    ProductFirmware create(int version, String deviceOsVersion, String title, String description, String fileName,
            byte[] binary) {
        int requiredOs = deviceOsVersion == null || deviceOsVersion.isBlank() ? 1502
                : DeviceOsCatalog.toInternal(deviceOsVersion);
        int size = binary.length > 0 ? binary.length : 9965;
        String objectId;
        synchronized (ids) {
            objectId = Ids.hex24(ids, "6");
        }
        ProductFirmware fw = ctx.firmware.add(new ProductFirmware(version, objectId, requiredOs,
                title == null ? "v" + version : title, description, fileName, binary, size, ctx.now()));
        engine.emitter.emitApi("particle/firmware/create", "{\"version\":\"" + version + "\"}");
        return fw;
    }

    private SimResponse edit(SimRequest r) {
        ProductFirmware fw = find(r);
        synchronized (ctx.firmware) {
            if (r.has("title")) {
                fw.title = r.text("title");
            }
            if (r.has("description")) {
                fw.description = r.text("description");
            }
            if (r.has("mandatory")) {
                fw.mandatory = Boolean.TRUE.equals(r.bool("mandatory"));
            }
            fw.updatedAt = ctx.now();
        }
        return SimResponse.ok(firmwareJson(fw, false));
    }

    private SimResponse delete(SimRequest r) {
        ctx.firmware.remove(find(r).version);
        return SimResponse.noContent();
    }

    private SimResponse release(SimRequest r) {
        Integer version = r.integer("version");
        if (version == null) {
            throw ApiError.badRequest("version is required");
        }
        ProductFirmware fw = ctx.firmware.get(version)
                .orElseThrow(() -> ApiError.notFound("Firmware version " + version + " not found"));
        List<String> groups = r.list("groups");
        if (groups != null) {
            ctx.groups.ensure(groups);
        }
        requireRan(fw);
        boolean intelligent = Boolean.TRUE.equals(r.bool("intelligent"));
        ctx.firmware.release(version, r.bool("product_default"), groups, intelligent, ctx.now());
        ObjectNode out = firmwareJson(fw, false);
        out.put("updated_at", Json.timestamp(fw.updatedAt));
        out.put("intelligent", intelligent);
        engine.emitter.emitApi("particle/firmware/release",
                "{\"immediate\":" + intelligent + ",\"version\":" + version + "}");
        engine.onRelease(fw, intelligent);
        return SimResponse.ok(out);
    }

    /** §6.2: before its first release a version must have run on at least one device. */
    private void requireRan(ProductFirmware fw) {
        if (!ctx.settings.requireRunBeforeRelease() || fw.ran || fw.everReleased) {
            return;
        }
        for (SimDevice d : ctx.fleet.all()) {
            if (d.firmwareVersion == fw.version) {
                fw.ran = true;
                return;
            }
        }
        throw ApiError.badRequest("Firmware version " + fw.version + " must run successfully on at least one "
                + "device before it can be released. Lock a device to it first.");
    }

    private ProductFirmware find(SimRequest r) {
        int version;
        try {
            version = Integer.parseInt(r.path("version"));
        }
        catch (NumberFormatException ex) {
            throw ApiError.notFound("Firmware version " + r.path("version") + " not found");
        }
        return ctx.firmware.get(version)
                .orElseThrow(() -> ApiError.notFound("Firmware version " + version + " not found"));
    }

    ObjectNode firmwareJson(ProductFirmware fw, boolean withDeviceCount) {
        synchronized (ctx.firmware) {
            ObjectNode n = Json.object();
            n.put("_id", fw.objectId);
            n.put("version", fw.version);
            n.put("title", fw.title);
            n.put("description", fw.description);
            n.put("name", fw.fileName);
            n.put("size", fw.size);
            n.put("product_default", fw.productDefault);
            ArrayNode groups = n.putArray("groups");
            fw.groups.forEach(groups::add);
            n.put("mandatory", fw.mandatory);
            n.put("uploaded_on", Json.timestamp(fw.uploadedOn));
            n.putObject("uploaded_by").put("username", "sim@fleet-ota.dev");
            n.put("product_id", ctx.settings.productId());
            if (withDeviceCount) {
                n.put("device_count", countRunning(fw.version));
            }
            n.put("device_os_version", DeviceOsCatalog.toSemver(fw.requiredDeviceOs));
            return n;
        }
    }

    private int countRunning(int version) {
        int count = 0;
        for (SimDevice d : ctx.fleet.all()) {
            if (d.firmwareVersion == version) {
                count++;
            }
        }
        return count;
    }

}
