package dev.fleetota.rollout;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Maintenance-window arithmetic for other modules (templates and promotions schedule starts with it). */
public final class Windows {

    private Windows() {
    }

    /**
     * The earliest instant at or after {@code from} at which one of {@code windows} is open, each window read in its
     * own time zone (java.time zone rules, so DST changes are honoured). {@code from} itself when a window is open
     * then, or when there are no windows (no window = any time); empty when no window ever opens.
     */
    public static Optional<Instant> nextOpening(List<MaintenanceWindow> windows, Instant from) {
        if (windows.isEmpty()) {
            return Optional.of(from);
        }
        return windows.stream()
            .map(w -> w.nextOpening(from, w.zone()))
            .flatMap(Optional::stream)
            .min(Comparator.naturalOrder());
    }

}
