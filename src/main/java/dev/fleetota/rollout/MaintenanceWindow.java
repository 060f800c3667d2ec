package dev.fleetota.rollout;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A recurring window in local time, e.g. 22:00–05:00 on weeknights in Europe/Berlin. A window whose end is not after
 * its start runs over midnight (it belongs to the day it starts on); start == end means the whole day. Computed
 * with java.time zone rules, so it stays right across DST changes.
 */
public record MaintenanceWindow(Set<DayOfWeek> days, @NotNull LocalTime start, @NotNull LocalTime end,
        @NotBlank String timeZone) {

    public MaintenanceWindow {
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            }
            catch (DateTimeException ex) {
                throw new IllegalArgumentException("'" + timeZone + "' is not an IANA time zone");
            }
        }
    }

    ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Whether the window is open at {@code now}, read in {@code zone} (the window's own zone or a device's). */
    boolean isOpen(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.equals(end)) {
            return days.contains(day);
        }
        if (start.isBefore(end)) {
            return days.contains(day) && !t.isBefore(start) && t.isBefore(end);
        }
        return (days.contains(day) && !t.isBefore(start)) || (days.contains(day.minus(1)) && t.isBefore(end));
    }

    /** The next instant at or after {@code from} at which the window is open, read in {@code zone}. */
    Optional<Instant> nextOpening(Instant from, ZoneId zone) {
        if (isOpen(from, zone)) {
            return Optional.of(from);
        }
        LocalDate today = from.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++) {
            LocalDate date = today.plusDays(i);
            if (days.contains(date.getDayOfWeek())) {
                Instant opening = ZonedDateTime.of(date, start, zone).toInstant();
                if (opening.isAfter(from)) {
                    return Optional.of(opening);
                }
            }
        }
        return Optional.empty();
    }

}
