package dev.fleetota.particlesim;

import java.util.Random;

/**
 * Realistic simulated durations (milliseconds, before time scaling) from §11.2 and §13.4, drawn from the
 * device's own seeded Random: app transfer ~3 s on LTE-M, reboot ~8 s, safe-mode report +2 s, Device OS module
 * 50–90 s on LTE-M (Wi-Fi faster, Gen 2 2G/3G much slower), post-heal reboot ~25 s.
 */
final class Timings {

    private final SimulatorSettings settings;

    Timings(SimulatorSettings settings) {
        this.settings = settings;
    }

    long appTransfer(SimDevice d) {
        long base = switch (d.platform.link()) {
            case WIFI -> between(d.random, 1_000, 3_000);
            case LTE_M -> between(d.random, 2_500, 3_500);
            case CELLULAR_2G3G -> between(d.random, 6_000, 12_000);
        };
        return Math.round(base * d.fault.linkSlowdown());
    }

    long moduleTransfer(SimDevice d) {
        long base = switch (d.platform.link()) {
            case WIFI -> between(d.random, 15_000, 30_000);
            case LTE_M -> between(d.random, 50_000, 90_000);
            case CELLULAR_2G3G -> between(d.random, 150_000, 400_000);
        };
        return Math.round(base * d.fault.linkSlowdown());
    }

    long reboot(SimDevice d) {
        return between(d.random, 6_000, 10_000);
    }

    long safeModeReport(SimDevice d) {
        return between(d.random, 1_800, 2_400);
    }

    long postHealReboot(SimDevice d) {
        return between(d.random, 20_000, 30_000);
    }

    long afterHandshake(SimDevice d) {
        return between(d.random, 600, 900);
    }

    long deliveryAfterHandshake(SimDevice d) {
        return between(d.random, 2_000, 5_000);
    }

    long diagnostics(SimDevice d) {
        return between(d.random, 10_000, 14_000);
    }

    long powerOutage(SimDevice d) {
        if (d.fault.powerOutage() != null) {
            return d.fault.powerOutage().toMillis();
        }
        return between(d.random, 60_000, 180_000);
    }

    long offlineDetectionLag(SimDevice d) {
        return d.platform.cellular() ? settings.cellularOfflineLag().toMillis() : settings.wifiOfflineLag().toMillis();
    }

    static long between(Random random, long min, long max) {
        return min + (long) (random.nextDouble() * (max - min));
    }

}
