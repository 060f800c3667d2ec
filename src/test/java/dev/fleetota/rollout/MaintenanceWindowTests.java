package dev.fleetota.rollout;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaintenanceWindowTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final MaintenanceWindow nightly = new MaintenanceWindow(Set.of(), LocalTime.of(22, 0), LocalTime.of(5, 0),
            "Europe/Berlin");

    @Test
    void overnightWindowIsOpenAfterStartAndBeforeEnd() {
        assertThat(nightly.isOpen(Instant.parse("2026-06-10T20:30:00Z"), BERLIN)).isTrue(); // 22:30 CEST
        assertThat(nightly.isOpen(Instant.parse("2026-06-11T02:59:00Z"), BERLIN)).isTrue(); // 04:59 CEST
        assertThat(nightly.isOpen(Instant.parse("2026-06-11T03:00:00Z"), BERLIN)).isFalse(); // 05:00 CEST
        assertThat(nightly.isOpen(Instant.parse("2026-06-10T12:00:00Z"), BERLIN)).isFalse();
    }

    @Test
    void overnightWindowBelongsToTheDayItStartsOn() {
        MaintenanceWindow fridayNight = new MaintenanceWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0),
                LocalTime.of(5, 0), "Europe/Berlin");

        assertThat(fridayNight.isOpen(Instant.parse("2026-06-13T01:00:00Z"), BERLIN)).isTrue(); // Sat 03:00
        assertThat(fridayNight.isOpen(Instant.parse("2026-06-14T01:00:00Z"), BERLIN)).isFalse(); // Sun 03:00
    }

    @Test
    void windowFollowsLocalTimeAcrossTheSpringDstChange() {
        // 2026-03-29: Berlin moves from UTC+1 to UTC+2 at 02:00 local time
        MaintenanceWindow morning = new MaintenanceWindow(Set.of(), LocalTime.of(6, 0), LocalTime.of(8, 0),
                "Europe/Berlin");

        assertThat(morning.isOpen(Instant.parse("2026-03-28T05:30:00Z"), BERLIN)).isTrue(); // 06:30 CET
        assertThat(morning.isOpen(Instant.parse("2026-03-29T05:30:00Z"), BERLIN)).isTrue(); // 07:30 CEST
        assertThat(morning.isOpen(Instant.parse("2026-03-29T06:30:00Z"), BERLIN)).isFalse(); // 08:30 CEST
    }

    @Test
    void nextOpeningIsTheNextLocalStartEvenAcrossDst() {
        MaintenanceWindow morning = new MaintenanceWindow(Set.of(), LocalTime.of(6, 0), LocalTime.of(8, 0),
                "Europe/Berlin");

        Instant next = morning.nextOpening(Instant.parse("2026-03-28T12:00:00Z"), BERLIN).orElseThrow();

        assertThat(next).isEqualTo(Instant.parse("2026-03-29T04:00:00Z")); // 06:00 CEST
    }

    @Test
    void scheduleUsesTheDeviceTimeZoneWhenAsked() {
        SchedulePolicy schedule = new SchedulePolicy(null, List.of(nightly), true, null);
        Instant noonUtc = Instant.parse("2026-06-10T12:00:00Z");

        assertThat(schedule.allowsStart(noonUtc, ZoneId.of("Pacific/Auckland"))).isTrue(); // 00:00 in Auckland
        assertThat(schedule.allowsStart(noonUtc, null)).isFalse(); // 14:00 in Berlin
    }

    @Test
    void nothingStartsAfterEndBy() {
        SchedulePolicy schedule = new SchedulePolicy(null, List.of(), false, Instant.parse("2026-06-10T12:00:00Z"));

        assertThat(schedule.allowsStart(Instant.parse("2026-06-10T11:59:59Z"), null)).isTrue();
        assertThat(schedule.allowsStart(Instant.parse("2026-06-10T12:00:00Z"), null)).isFalse();
    }

    @Test
    void unknownTimeZoneIsRejected() {
        assertThatThrownBy(() -> new MaintenanceWindow(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, "Mars/Olympus"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Mars/Olympus");
    }

}
