package dev.fleetota.particlesim;

import java.util.Arrays;

/** Particle hardware platforms the simulator knows (ids from Device OS {@code platforms.h}). */
public enum Platform {

    PHOTON(6, "Photon", 2, Link.WIFI, 2, "P0"),
    P1(8, "P1", 2, Link.WIFI, 2, "P1"),
    ELECTRON(10, "Electron", 2, Link.CELLULAR_2G3G, 3, "E26"),
    ARGON(12, "Argon", 3, Link.WIFI, 1, "ARG"),
    BORON(13, "Boron", 3, Link.LTE_M, 1, "B40"),
    E404X(15, "E404X", 3, Link.LTE_M, 1, "E4X"),
    B_SOM(23, "B SoM", 3, Link.LTE_M, 1, "B4S"),
    B5_SOM(25, "B5 SoM", 3, Link.LTE_M, 1, "B5S"),
    TRACKER(26, "Tracker", 3, Link.LTE_M, 1, "T40"),
    TRACKER_M(28, "Tracker M", 4, Link.LTE_M, 1, "TRM"),
    P2(32, "P2", 4, Link.WIFI, 1, "P2W"),
    M_SOM(35, "M SoM", 4, Link.LTE_M, 1, "M40");

    /** How a platform talks to the cloud; drives transfer times and offline-detection lag. */
    public enum Link {
        WIFI, LTE_M, CELLULAR_2G3G
    }

    private final int id;
    private final String displayName;
    private final int generation;
    private final Link link;
    private final int systemParts;
    private final String serialPrefix;

    Platform(int id, String displayName, int generation, Link link, int systemParts, String serialPrefix) {
        this.id = id;
        this.displayName = displayName;
        this.generation = generation;
        this.link = link;
        this.systemParts = systemParts;
        this.serialPrefix = serialPrefix;
    }

    public int id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public int generation() {
        return generation;
    }

    public Link link() {
        return link;
    }

    public boolean cellular() {
        return link != Link.WIFI;
    }

    /** Number of Device OS system parts (Electron 3, Photon/P1 2, Gen 3/4 1). */
    public int systemParts() {
        return systemParts;
    }

    /** Gen 3 nRF52 platforms carry a separate radio stack (SoftDevice) module. */
    boolean hasRadioStack() {
        return generation == 3;
    }

    String serialPrefix() {
        return serialPrefix;
    }

    public static Platform byId(int id) {
        return Arrays.stream(values()).filter(p -> p.id == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown platform id " + id));
    }

}
