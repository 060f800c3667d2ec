package dev.fleetota.particlesim;

import java.util.HexFormat;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The safe-mode healer's plan for one device: the bootloader first when the target Device OS needs a newer one,
 * then every system part (Electron 3, Photon/P1 2, Gen 3/4 1). Also renders the {@code spark/status/safe-mode}
 * module description (§11.3) for the device's current half-upgraded state.
 */
final class HealPlan {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HealPlan() {
    }

    static void begin(SimDevice d, int targetInternal) {
        d.healTarget = targetInternal;
        d.healStep = 0;
        d.healBootloader = d.bootloader < DeviceOsCatalog.bootloaderFor(targetInternal);
    }

    static int moduleCount(SimDevice d) {
        return (d.healBootloader ? 1 : 0) + d.platform.systemParts();
    }

    static boolean nextIsBootloader(SimDevice d) {
        return d.healBootloader && d.healStep == 0;
    }

    /** Applies the module the healer just delivered; returns true when it was the last one. */
    static boolean applyNext(SimDevice d) {
        if (nextIsBootloader(d)) {
            d.bootloader = DeviceOsCatalog.bootloaderFor(d.healTarget);
        }
        d.healStep++;
        return d.healStep >= moduleCount(d);
    }

    static void complete(SimDevice d) {
        d.systemVersion = d.healTarget;
        d.bootloader = Math.max(d.bootloader, DeviceOsCatalog.bootloaderFor(d.healTarget));
        d.healTarget = 0;
        d.healStep = 0;
        d.healBootloader = false;
        d.healerRounds = 0;
    }

    /** A different app replaces the one waiting for Device OS (already delivered modules stay). */
    static void abandon(SimDevice d) {
        if (d.healBootloader && d.healStep > 0) {
            d.bootloader = Math.max(d.bootloader, DeviceOsCatalog.bootloaderFor(d.healTarget));
        }
        d.healTarget = 0;
        d.healStep = 0;
        d.healBootloader = false;
        d.healerRounds = 0;
    }

    /** Number of system parts already replaced by the healer. */
    private static int partsDelivered(SimDevice d) {
        return Math.max(0, d.healStep - (d.healBootloader ? 1 : 0));
    }

    static String safeModePayload(SimDevice d, String appHash) {
        ObjectNode root = JSON.createObjectNode();
        root.put("p", d.platform.id());
        if (d.platform.cellular()) {
            root.put("imei", d.imei);
            root.put("iccid", d.iccid);
            root.put("cellfw", d.platform == Platform.ELECTRON ? "23.60.00" : "L0.0.00.00.05.12,A.02.04");
        }
        ArrayNode modules = root.putArray("m");
        module(modules, 49152, 30, "b", "0", d.bootloader);
        systemParts(modules, d);
        ObjectNode user = module(modules, 262144, 26, "u", d.platform.generation() == 2 ? "1" : "2", 6);
        user.put("u", appHash);
        dependency(user.putArray("d"), "s", String.valueOf(d.platform.systemParts()), d.healTarget);
        if (d.platform.hasRadioStack()) {
            module(modules, 192512, 30, "a", "0", 202);
        }
        return JSON.writeValueAsString(root);
    }

    /** System parts: the ones the healer already replaced carry the target version. */
    private static void systemParts(ArrayNode modules, SimDevice d) {
        int delivered = partsDelivered(d);
        for (int part = 1; part <= d.platform.systemParts(); part++) {
            int version = part <= delivered ? d.healTarget : d.systemVersion;
            ObjectNode m = module(modules, d.platform.generation() == 2 ? 262144 : 671744, 30, "s",
                    String.valueOf(part), version);
            ArrayNode deps = m.putArray("d");
            if (part == 1) {
                dependency(deps, "b", "0", DeviceOsCatalog.bootloaderFor(version));
                if (d.platform.hasRadioStack()) {
                    dependency(deps, "a", "0", 202);
                }
            }
            else {
                dependency(deps, "s", String.valueOf(part - 1), version);
            }
        }
    }

    private static ObjectNode module(ArrayNode modules, int size, int passed, String function, String index,
            int version) {
        ObjectNode m = modules.addObject();
        m.put("s", size);
        m.put("l", "m");
        m.put("vc", 30);
        m.put("vv", passed);
        m.put("f", function);
        m.put("n", index);
        m.put("v", version);
        m.putArray("d");
        return m;
    }

    private static void dependency(ArrayNode deps, String function, String index, int version) {
        ObjectNode dep = deps.addObject();
        dep.put("f", function);
        dep.put("n", index);
        dep.put("v", version);
    }

    /** SHA-256 of the app binary a product version stands for (stable per product and version). */
    static String appHash(int productId, int firmwareVersion) {
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(("fleet-ota-sim:" + productId + ":" + firmwareVersion).getBytes());
            return HexFormat.of().formatHex(hash);
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
