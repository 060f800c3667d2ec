package dev.fleetota.particlesim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All simulated devices: lookup by id, insertion order, and sorted views for the paged device list (cached for
 * a second so paging a 100,000-device fleet does not sort it once per page; like the real list, the order may
 * shift between pages while devices reconnect).
 */
final class Fleet {

    private static final long SORT_CACHE_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, SimDevice> byId = new ConcurrentHashMap<>();
    private final List<SimDevice> ordered = new ArrayList<>();
    private volatile SimDevice[] snapshot = new SimDevice[0];
    private final ConcurrentHashMap<String, Sorted> sortCache = new ConcurrentHashMap<>();

    private record Sorted(long at, int size, SimDevice[] devices) {
    }

    /** Creates the device with the next index and adds it; ids must be unique. */
    synchronized SimDevice add(java.util.function.IntFunction<SimDevice> factory) {
        SimDevice device = factory.apply(ordered.size());
        if (byId.putIfAbsent(device.id, device) != null) {
            throw new IllegalArgumentException("device " + device.id + " already exists");
        }
        ordered.add(device);
        snapshot = null;
        return device;
    }

    Optional<SimDevice> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id.toLowerCase()));
    }

    int size() {
        return byId.size();
    }

    SimDevice[] all() {
        SimDevice[] s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = ordered.toArray(new SimDevice[0]);
                snapshot = s;
            }
        }
        return s;
    }

    /** Devices sorted by {@code deviceId}, {@code firmwareVersion} or {@code lastConnection} (default). */
    SimDevice[] sorted(String sortAttr, boolean descending) {
        String attr = sortAttr == null ? "lastConnection" : sortAttr;
        String key = attr + (descending ? ":desc" : ":asc");
        SimDevice[] all = all();
        long now = System.nanoTime();
        Sorted cached = sortCache.get(key);
        if (cached != null && cached.size == all.length && now - cached.at < SORT_CACHE_NANOS) {
            return cached.devices;
        }
        SimDevice[] sorted = sort(all, attr, descending);
        sortCache.put(key, new Sorted(now, all.length, sorted));
        return sorted;
    }

    private static SimDevice[] sort(SimDevice[] all, String attr, boolean descending) {
        if (attr.equals("deviceId")) {
            SimDevice[] copy = all.clone();
            Comparator<SimDevice> byId = Comparator.comparing(d -> d.id);
            Arrays.sort(copy, descending ? byId.reversed() : byId);
            return copy;
        }
        boolean byFirmware = attr.equals("firmwareVersion");
        long[][] keyed = new long[all.length][2];
        for (int i = 0; i < all.length; i++) {
            keyed[i][0] = byFirmware ? all[i].firmwareVersion : all[i].lastHandshake;
            keyed[i][1] = i;
        }
        Comparator<long[]> cmp = Comparator.comparingLong(k -> k[0]);
        Arrays.sort(keyed, descending ? cmp.reversed().thenComparingLong(k -> k[1]) : cmp.thenComparingLong(k -> k[1]));
        SimDevice[] out = new SimDevice[all.length];
        for (int i = 0; i < keyed.length; i++) {
            out[i] = all[(int) keyed[i][1]];
        }
        return out;
    }

    void forEach(java.util.function.Consumer<SimDevice> action) {
        for (SimDevice d : all()) {
            action.accept(d);
        }
    }

}
