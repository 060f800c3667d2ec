package dev.fleetota.rollout;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;

/**
 * When devices may be started: not before {@code startAt}, only inside one of the {@code windows} (none = any
 * time), read in each device's own time zone when {@code useDeviceTimeZone} and the device has one, and not after
 * {@code endBy}. Devices already updating are watched to the end regardless.
 */
public record SchedulePolicy(Instant startAt, List<@Valid MaintenanceWindow> windows, Boolean useDeviceTimeZone,
        Instant endBy, EndByAction onEndBy) {

    /** What happens once {@code endBy} has passed and no device is still updating. */
    public enum EndByAction {
        /** Stay WAITING (WINDOW_CLOSED) until an operator cancels (the default: nothing is decided silently). */
        WAIT,
        /** Skip the devices not started ("endBy passed") and complete the rollout. */
        END
    }

    public SchedulePolicy(Instant startAt, List<MaintenanceWindow> windows, Boolean useDeviceTimeZone, Instant endBy) {
        this(startAt, windows, useDeviceTimeZone, endBy, null);
    }

    public SchedulePolicy {
        windows = windows == null ? List.of() : List.copyOf(windows);
        useDeviceTimeZone = useDeviceTimeZone != null && useDeviceTimeZone;
        onEndBy = onEndBy == null ? EndByAction.WAIT : onEndBy;
        if (startAt != null && endBy != null && !endBy.isAfter(startAt)) {
            throw new IllegalArgumentException("schedule.endBy must be after schedule.startAt");
        }
    }

    static SchedulePolicy defaults() {
        return new SchedulePolicy(null, null, null, null, null);
    }

    boolean endByPassed(Instant now) {
        return endBy != null && !now.isBefore(endBy);
    }

    boolean hasWindows() {
        return !windows.isEmpty();
    }

    /** Whether a device (with its own zone, or null) may be started at {@code now}. */
    boolean allowsStart(Instant now, ZoneId deviceZone) {
        if (endBy != null && !now.isBefore(endBy)) {
            return false;
        }
        if (windows.isEmpty()) {
            return true;
        }
        return windows.stream().anyMatch(w -> w.isOpen(now, zoneFor(w, deviceZone)));
    }

    /** The earliest instant at or after {@code from} when some window opens (in the windows' own zones). */
    Optional<Instant> nextOpening(Instant from) {
        if (windows.isEmpty()) {
            return Optional.of(from);
        }
        return windows.stream()
            .map(w -> w.nextOpening(from, w.zone()))
            .flatMap(Optional::stream)
            .min(Comparator.naturalOrder());
    }

    private ZoneId zoneFor(MaintenanceWindow window, ZoneId deviceZone) {
        return useDeviceTimeZone && deviceZone != null ? deviceZone : window.zone();
    }

}
