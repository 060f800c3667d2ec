package dev.fleetota.particlesim;

import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Device objects as the API writes them (§4.1): list entries carry the smaller key set (no {@code last_heard},
 * {@code desired_firmware_version} omitted when null), the detail carries everything incl. deprecated aliases
 * ({@code connected}, {@code last_iccid}, {@code current_build_target}).
 */
final class DeviceJson {

    private final SimContext ctx;

    DeviceJson(SimContext ctx) {
        this.ctx = ctx;
    }

    ObjectNode listEntry(SimDevice d) {
        synchronized (d) {
            ObjectNode n = header(d);
            if (ctx.settings.listIncludesStatus()) {
                n.put("status", d.status());
            }
            n.put("serial_number", d.serial);
            putCellular(n, d);
            n.put("system_firmware_version", DeviceOsCatalog.toSemver(d.systemVersion));
            n.put("firmware_product_id", ctx.settings.productId());
            putGroups(n, d);
            putProductFirmware(n, d, ctx.settings.omitNullDesiredFirmware());
            n.putNull("owner");
            if (d.notes != null) {
                n.put("notes", d.notes);
            }
            return n;
        }
    }

    ObjectNode detail(SimDevice d) {
        synchronized (d) {
            ObjectNode n = header(d);
            n.putNull("owner");
            putTime(n, "last_heard", d.lastHeard);
            n.put("connected", d.onlineFlag);
            n.put("cellular", d.platform.cellular());
            n.put("notes", d.notes);
            ArrayNode functions = n.putArray("functions");
            ctx.settings.functions().forEach(functions::add);
            n.putObject("variables");
            n.put("status", d.status());
            n.put("serial_number", d.serial);
            putCellular(n, d);
            n.put("mobile_secret", mobileSecret(d));
            putBuildTargets(n, d);
            n.put("firmware_updates_enabled", d.updatesEnabled);
            n.put("firmware_updates_forced", d.updatesForced);
            n.put("firmware_product_id", ctx.settings.productId());
            putGroups(n, d);
            putProductFirmware(n, d, false);
            return n;
        }
    }

    private ObjectNode header(SimDevice d) {
        ObjectNode n = Json.object();
        n.put("id", d.id);
        n.put("name", d.name);
        n.put("last_ip_address", ipAddress(d));
        putTime(n, "last_handshake_at", d.lastHandshake);
        n.put("product_id", ctx.settings.productId());
        n.put("online", d.onlineFlag);
        n.put("platform_id", d.platform.id());
        return n;
    }

    private void putProductFirmware(ObjectNode n, SimDevice d, boolean omitNullDesired) {
        if (d.firmwareVersion > 0) {
            n.put("firmware_version", d.firmwareVersion);
        }
        if (d.desiredFirmware > 0) {
            n.put("desired_firmware_version", d.desiredFirmware);
        }
        else if (!omitNullDesired) {
            n.putNull("desired_firmware_version");
        }
        n.put("targeted_firmware_release_version", ctx.firmware.targetFor(d));
        n.put("development", d.development);
        n.put("quarantined", d.quarantined);
        n.put("denied", false);
    }

    private static void putBuildTargets(ObjectNode n, SimDevice d) {
        String os = DeviceOsCatalog.toSemver(d.systemVersion);
        n.put("system_firmware_version", os);
        n.put("current_build_target", os);
        n.put("default_build_target", DeviceOsCatalog.latestFor(d.platform).map(v -> v.version()).orElse(os));
    }

    private static void putCellular(ObjectNode n, SimDevice d) {
        if (d.iccid == null) {
            return;
        }
        n.put("iccid", d.iccid);
        n.put("last_iccid", d.iccid);
        n.put("imei", d.imei);
    }

    private static void putGroups(ObjectNode n, SimDevice d) {
        ArrayNode groups = n.putArray("groups");
        for (String g : d.groups) {
            groups.add(g);
        }
    }

    private static void putTime(ObjectNode n, String key, long epochMillis) {
        if (epochMillis > 0) {
            n.put(key, Json.timestamp(epochMillis));
        }
    }

    private static String ipAddress(SimDevice d) {
        int i = d.index;
        return "176." + (64 + (i >> 16 & 63)) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    private static String mobileSecret(SimDevice d) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        long h = d.id.hashCode() * 2_654_435_761L;
        StringBuilder sb = new StringBuilder(15);
        for (int i = 0; i < 15; i++) {
            sb.append(alphabet.charAt((int) Math.floorMod(h >> (i * 2), alphabet.length())));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

}
