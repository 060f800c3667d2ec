package dev.fleetota.particlesim;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Device OS versions the simulated cloud offers, seeded per platform generation: Gen 2 up to the 2.x LTS and
 * 3.x lines, Gen 3 4.x–6.x, Gen 4 5.x–6.x. Bootloader module numbers are plausible simulator values, not
 * Particle's exact ones (only 4.0.x → 1101 and 4.2.0 → 1200 are taken from the firmware-update-events captures).
 */
final class DeviceOsCatalog {

    /** One Device OS release. */
    record Version(String version, int internal, int bootloader, String state, Set<Integer> platforms) {

        boolean supports(Platform platform) {
            return platforms.contains(platform.id());
        }
    }

    private static final Set<Integer> GEN2 = Set.of(6, 8, 10);
    private static final Set<Integer> GEN3 = Set.of(12, 13, 15, 23, 25, 26);
    private static final Set<Integer> GEN3_AND_4 = Set.of(12, 13, 15, 23, 25, 26, 28, 32, 35);
    private static final Set<Integer> GEN3_AND_P2 = Set.of(12, 13, 15, 23, 25, 26, 32, 35);

    private static final List<Version> VERSIONS = List.of(
            new Version("1.5.2", 1502, 1000, "released", GEN2),
            new Version("2.3.1", 2301, 1100, "released", GEN2),
            new Version("3.3.1", 3301, 1200, "released", GEN2),
            new Version("4.0.2", 4002, 1101, "released", GEN3),
            new Version("4.2.0", 4200, 1200, "released", GEN3),
            new Version("5.5.0", 5500, 2300, "released", GEN3_AND_P2),
            new Version("5.9.0", 5900, 2400, "released", GEN3_AND_P2),
            new Version("6.1.1", 6101, 3001, "released", GEN3_AND_4),
            new Version("6.3.2", 6302, 3100, "pre_release", GEN3_AND_4));

    private DeviceOsCatalog() {
    }

    static List<Version> all() {
        return VERSIONS.stream().sorted(Comparator.comparingInt(Version::internal).reversed()).toList();
    }

    /** Semver ("4.2.0"), internal number ("4200") or "latest" (optionally for one platform). */
    static Optional<Version> find(String key, Integer platformId) {
        List<Version> candidates = all().stream()
                .filter(v -> platformId == null || v.platforms().contains(platformId)).toList();
        if ("latest".equals(key)) {
            return candidates.stream().filter(v -> "released".equals(v.state())).findFirst();
        }
        return candidates.stream()
                .filter(v -> v.version().equals(key) || String.valueOf(v.internal()).equals(key)).findFirst();
    }

    static Optional<Version> byInternal(int internal) {
        return VERSIONS.stream().filter(v -> v.internal() == internal).findFirst();
    }

    /**
     * Can the healer deliver this Device OS to the platform? A catalog version: if it supports the platform; any
     * other version: if it lies within the range the platform supports.
     */
    static boolean offers(Platform platform, int internal) {
        Optional<Version> exact = byInternal(internal);
        if (exact.isPresent()) {
            return exact.get().supports(platform);
        }
        List<Integer> supported = VERSIONS.stream().filter(v -> v.supports(platform)).map(Version::internal).toList();
        return !supported.isEmpty() && internal >= supported.stream().min(Integer::compare).get()
                && internal <= supported.stream().max(Integer::compare).get();
    }

    static Optional<Version> latestFor(Platform platform) {
        return all().stream().filter(v -> v.supports(platform) && "released".equals(v.state())).findFirst();
    }

    /** Bootloader version that goes with a Device OS (falls back to a number derived from the version). */
    static int bootloaderFor(int internal) {
        return byInternal(internal).map(Version::bootloader).orElse(1000 + internal / 100);
    }

    /** "4.2.0" → 4200; "2.3.1" → 2301 (major·1000 + minor·100 + patch). */
    static int toInternal(String semver) {
        String[] parts = semver.trim().split("[.\\-+]");
        if (parts.length == 1) {
            return Integer.parseInt(parts[0]);
        }
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
        return major * 1000 + minor * 100 + patch;
    }

    /** 4200 → "4.2.0". */
    static String toSemver(int internal) {
        return (internal / 1000) + "." + (internal % 1000 / 100) + "." + (internal % 100);
    }

}
