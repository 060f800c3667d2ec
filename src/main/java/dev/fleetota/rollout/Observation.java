package dev.fleetota.rollout;

import java.time.Instant;

/**
 * One thing seen about a device: a Particle event (name, data with trailing spaces trimmed, the envelope's product
 * firmware version — 0 when no app runs, e.g. in safe mode).
 */
record Observation(String name, String data, Integer productVersion, Instant publishedAt) {

    static final String STATUS = "spark/status";

    static final String FLASH_STATUS = "spark/flash/status";

    static final String SAFE_MODE = "spark/status/safe-mode";

    static final String LAST_RESET = "spark/device/last_reset";

    Observation {
        data = data == null ? "" : data.strip();
    }

    boolean is(String eventName, String value) {
        return eventName.equals(name) && value.equals(data);
    }

    boolean isOnline() {
        return is(STATUS, "online");
    }

    boolean isOffline() {
        return is(STATUS, "offline");
    }

    boolean isSafeMode() {
        return SAFE_MODE.equals(name);
    }

    boolean isPanicReset() {
        return LAST_RESET.equals(name) && data.startsWith("panic");
    }

    /** The envelope says an app is running (not safe mode). */
    boolean appRunning() {
        return productVersion != null && productVersion > 0;
    }

}
