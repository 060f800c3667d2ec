package dev.fleetota.particle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.fleetota.particle.TolerantJson.addAll;
import static dev.fleetota.particle.TolerantJson.bool;
import static dev.fleetota.particle.TolerantJson.instant;
import static dev.fleetota.particle.TolerantJson.integer;
import static dev.fleetota.particle.TolerantJson.integers;
import static dev.fleetota.particle.TolerantJson.longValue;
import static dev.fleetota.particle.TolerantJson.number;
import static dev.fleetota.particle.TolerantJson.strings;
import static dev.fleetota.particle.TolerantJson.text;
import static dev.fleetota.particle.TolerantJson.uploader;
import static dev.fleetota.particle.TolerantJson.variables;

/**
 * Particle's JSON, both ways. Reading is tolerant (§1): keys may be missing or null, numbers may come as strings, and
 * unknown keys are ignored. Nothing here throws for a missing field.
 */
final class ParticleJson {

    private final JsonMapper mapper = JsonMapper.builder().build();

    JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(body);
        }
        catch (JacksonException ex) {
            return mapper.missingNode();
        }
    }

    ProductDevicePage devicePage(String body, int page) {
        JsonNode root = parse(body);
        List<ParticleDevice> devices = new ArrayList<>();
        root.path("devices").forEach(node -> devices.add(device(node)));
        return new ProductDevicePage(devices, page, integer(root.path("meta"), "total_pages"));
    }

    ParticleDevice device(JsonNode n) {
        return new ParticleDevice(text(n, "id"), text(n, "name"), text(n, "owner"), text(n, "last_ip_address"),
                instant(n, "last_heard"), instant(n, "last_handshake_at"), integer(n, "product_id"),
                bool(n, "online", "connected"), integer(n, "platform_id"), bool(n, "cellular"), text(n, "notes"),
                strings(n, "functions"), variables(n.path("variables")), text(n, "status"), text(n, "serial_number"),
                text(n, "iccid", "last_iccid"), text(n, "imei"), text(n, "mac_wifi"),
                text(n, "system_firmware_version", "current_build_target"), bool(n, "firmware_updates_enabled"),
                bool(n, "firmware_updates_forced"), integer(n, "firmware_product_id"), strings(n, "groups"),
                integer(n, "firmware_version"), integer(n, "desired_firmware_version"),
                integer(n, "targeted_firmware_release_version"), bool(n, "development"), bool(n, "quarantined"),
                bool(n, "denied"));
    }

    List<ParticleFirmware> firmware(String body) {
        JsonNode root = parse(body);
        JsonNode list = root.isArray() ? root : root.path("firmware");
        List<ParticleFirmware> result = new ArrayList<>();
        list.forEach(n -> result.add(new ParticleFirmware(integer(n, "version"), text(n, "title"),
                text(n, "description"), text(n, "name"), longValue(n, "size"), bool(n, "product_default"),
                strings(n, "groups"), bool(n, "mandatory"), instant(n, "uploaded_on", "uploaded_at"),
                uploader(n.path("uploaded_by")), integer(n, "product_id"), integer(n, "device_count"))));
        return result;
    }

    /** One page of Device OS versions and {@code meta.total} (null when absent). */
    record DeviceOsPage(List<DeviceOsVersion> versions, Integer total) {
    }

    DeviceOsPage deviceOsVersions(String body) {
        JsonNode root = parse(body);
        JsonNode list = root.isArray() ? root : root.path("versions");
        List<DeviceOsVersion> versions = new ArrayList<>();
        list.forEach(n -> versions.add(new DeviceOsVersion(text(n, "version"), integer(n, "internal_version"),
                text(n, "state"), text(n, "base_url"), integers(n.path("supported_platforms")))));
        return new DeviceOsPage(versions, integer(root.path("meta"), "total"));
    }

    List<ParticleGroup> groups(String body) {
        List<ParticleGroup> result = new ArrayList<>();
        parse(body).path("groups").forEach(n -> result.add(new ParticleGroup(text(n, "name"),
                text(n, "description"), text(n, "color"), integer(n, "fw_version"), integer(n, "device_count"))));
        return result;
    }

    Optional<ParticleVitals> vitals(String body, String deviceId) {
        JsonNode diagnostics = parse(body).path("diagnostics");
        JsonNode payload = diagnostics.path("payload");
        if (!payload.isObject()) {
            return Optional.empty();
        }
        JsonNode device = payload.path("device");
        JsonNode battery = device.path("power").path("battery");
        JsonNode signal = device.path("network").path("signal");
        String id = text(diagnostics, "deviceID");
        return Optional.of(new ParticleVitals(id != null ? id : deviceId, instant(diagnostics, "updated_at"),
                number(battery, "charge"), text(battery, "state"), number(signal, "strength"),
                number(signal, "quality"), mapper.writeValueAsString(payload)));
    }

    FunctionResult functionResult(String body) {
        JsonNode n = parse(body);
        return new FunctionResult(text(n, "id"), text(n, "name"), bool(n, "connected"), integer(n, "return_value"));
    }

    boolean pingOnline(String body) {
        return Boolean.TRUE.equals(bool(parse(body), "online"));
    }

    /** Particle's error text: {@code error_description}, then {@code error}, then {@code errors[0]}. */
    String errorText(String body) {
        JsonNode n = parse(body);
        String text = text(n, "error_description", "error");
        if (text == null) {
            JsonNode first = n.path("errors").path(0);
            text = first.isValueNode() ? first.asString() : null;
        }
        return text != null ? text : text(n, "description");
    }

    // ---- request bodies ---------------------------------------------------------------------------

    String lockAndFlash(int firmwareVersion) {
        ObjectNode body = mapper.createObjectNode();
        body.put("desired_firmware_version", firmwareVersion);
        body.put("flash", true);
        return mapper.writeValueAsString(body);
    }

    String unlock() {
        ObjectNode body = mapper.createObjectNode();
        body.putNull("desired_firmware_version");
        return mapper.writeValueAsString(body);
    }

    String forceUpdates(boolean forced) {
        ObjectNode body = mapper.createObjectNode();
        body.put("firmware_updates_forced", forced);
        return mapper.writeValueAsString(body);
    }

    String groups(Collection<String> groups) {
        ObjectNode body = mapper.createObjectNode();
        addAll(body.putArray("groups"), groups);
        return mapper.writeValueAsString(body);
    }

    String changeGroups(Collection<String> deviceIds, Collection<String> add, Collection<String> remove) {
        ObjectNode body = mapper.createObjectNode();
        body.put("action", "groups");
        addAll(body.putArray("devices"), deviceIds);
        ObjectNode metadata = body.putObject("metadata");
        addAll(metadata.putArray("add"), add);
        addAll(metadata.putArray("remove"), remove);
        return mapper.writeValueAsString(body);
    }

    String createGroup(String name, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        return mapper.writeValueAsString(body);
    }

    String functionArgument(String argument) {
        ObjectNode body = mapper.createObjectNode();
        body.put("arg", argument == null ? "" : argument);
        return mapper.writeValueAsString(body);
    }

}
