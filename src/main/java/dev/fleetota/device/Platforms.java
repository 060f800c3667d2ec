package dev.fleetota.device;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Particle platform ids fleet-ota knows (particle-cloud-api.md §8.3). Gen 2 tops out at the Device OS 2.x/3.x
 * line; the rollout engine uses {@link Platform#generation()} for that and for risk classes.
 */
public final class Platforms {

    private static final List<Platform> ALL = List.of(new Platform(6, "Photon", 2), new Platform(8, "P1", 2),
            new Platform(10, "Electron/E-Series", 2), new Platform(12, "Argon", 3), new Platform(13, "Boron", 3),
            new Platform(15, "E404X", 3), new Platform(22, "A SoM", 3), new Platform(23, "B SoM", 3),
            new Platform(25, "B5 SoM", 3), new Platform(26, "Tracker", 3), new Platform(28, "Tracker M", 4),
            new Platform(32, "P2/Photon 2", 4), new Platform(35, "M SoM", 4));

    private static final Map<Integer, Platform> BY_ID = ALL.stream()
        .collect(Collectors.toUnmodifiableMap(Platform::id, Function.identity()));

    private Platforms() {
    }

    public static List<Platform> all() {
        return ALL;
    }

    public static Optional<Platform> find(int platformId) {
        return Optional.ofNullable(BY_ID.get(platformId));
    }

    public static boolean isKnown(int platformId) {
        return BY_ID.containsKey(platformId);
    }

    /** The platform's name, or null for an id fleet-ota does not know. */
    public static String nameOf(int platformId) {
        Platform platform = BY_ID.get(platformId);
        return platform == null ? null : platform.name();
    }

    /** The platform's generation, or null for an id fleet-ota does not know. */
    public static Integer generationOf(int platformId) {
        Platform platform = BY_ID.get(platformId);
        return platform == null ? null : platform.generation();
    }

}
