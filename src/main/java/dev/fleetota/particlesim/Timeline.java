package dev.fleetota.particlesim;

import java.util.ArrayList;
import java.util.List;

/** Bounded ring of a device's most recent events (ground truth, allocated on the first event). */
final class Timeline {

    private final TimelineEntry[] ring;
    private int next;
    private int size;

    Timeline(int capacity) {
        ring = new TimelineEntry[capacity];
    }

    void add(TimelineEntry entry) {
        ring[next] = entry;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    List<TimelineEntry> entries() {
        List<TimelineEntry> out = new ArrayList<>(size);
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            out.add(ring[(start + i) % ring.length]);
        }
        return out;
    }

}
