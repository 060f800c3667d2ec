package dev.fleetota.particlesim;

import java.util.Random;

/** Deterministic identifiers derived from the seed. */
final class Ids {

    private Ids() {
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
