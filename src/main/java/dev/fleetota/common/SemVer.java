package dev.fleetota.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Device OS version such as {@code 4.2.0} or {@code 5.0.0-rc.1}, compared as a semantic version (never as a
 * string: 5.10.0 &gt; 5.9.0). {@link #rank()} gives a number with the same order, for indexes and SQL comparisons;
 * pre-releases of one version share a rank just below the release.
 */
public record SemVer(int major, int minor, int patch, String preRelease) implements Comparable<SemVer> {

    private static final Pattern FORMAT = Pattern
        .compile("^v?(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})\\.(0|[1-9]\\d{0,3})(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?$");

    public SemVer {
        if (major < 0 || minor < 0 || patch < 0 || major > 9999 || minor > 9999 || patch > 9999) {
            throw new IllegalArgumentException("version numbers must be between 0 and 9999");
        }
        preRelease = (preRelease == null || preRelease.isEmpty()) ? null : preRelease;
    }

    public static SemVer parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("version is missing");
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version such as 4.2.0");
        }
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4));
    }

    /** Parses leniently: null for null, blank or unparsable text (data from the cloud). */
    public static SemVer parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse(text);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    public static boolean isValid(String text) {
        return parseOrNull(text) != null;
    }

    /** Order-preserving number: major, minor, patch in blocks of 10^4, release above its pre-releases. */
    public long rank() {
        long base = ((long) major * 10_000L + minor) * 10_000L + patch;
        return base * 2 + (preRelease == null ? 1 : 0);
    }

    public boolean isAtLeast(SemVer other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Long.compare(rank(), o.rank());
        if (c != 0 || preRelease == null) {
            return c;
        }
        return comparePreRelease(preRelease, o.preRelease);
    }

    private static int comparePreRelease(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            boolean na = pa[i].matches("\\d+");
            boolean nb = pb[i].matches("\\d+");
            int c;
            if (na && nb) {
                c = Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i]));
            }
            else if (na != nb) {
                c = na ? -1 : 1;
            }
            else {
                c = pa[i].compareTo(pb[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    }

}
