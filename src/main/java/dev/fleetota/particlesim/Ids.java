package dev.fleetota.particlesim;

import java.util.Random;

/** Deterministic identifiers derived from the seed. */
final class Ids {

    private Ids() {
    }

    /**
     * A seeded Random for one stream of draws. The seed goes through the SplitMix64 finalizer first: Randoms built
     * from consecutive seeds (seed + index) would otherwise start with nearly identical values.
     */
    static Random random(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /** 24 lowercase hex characters starting with {@code prefix}. */
    static String hex24(Random random, String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < 24) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    static String hex(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    static String digits(Random random, String prefix, int length) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < length) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

}
