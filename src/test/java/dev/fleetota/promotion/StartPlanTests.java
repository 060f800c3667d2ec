package dev.fleetota.promotion;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import dev.fleetota.rollout.MaintenanceWindow;
import dev.fleetota.rollout.RolloutPolicy;
import dev.fleetota.rollout.SchedulePolicy;
import dev.fleetota.template.StartMode;
import dev.fleetota.template.TemplateView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartPlanTests {

    private static final String BERLIN = "Europe/Berlin";

    @Test
    void nextWindowAfterTheAutumnDstChangeOpensAtLocalTimeInTheNewOffset() {
        // Saturday 2026-10-24 23:00 CEST (UTC+2); clocks go back on Sunday 2026-10-25 03:00 -> 02:00
        Instant saturdayNight = Instant.parse("2026-10-24T21:00:00Z");
        TemplateView template = template(StartMode.NEXT_WINDOW, null, window(null, "22:00", "05:00"));

        StartPlan plan = StartPlan.of(template, saturdayNight);

        // the window of Saturday 22:00 CEST is open: start now
        assertThat(plan.startAt()).isEqualTo(saturdayNight);
        Instant sundayMorning = Instant.parse("2026-10-25T05:00:00Z"); // 06:00 CET, after the window
        assertThat(StartPlan.of(template, sundayMorning).startAt())
            .isEqualTo(Instant.parse("2026-10-25T21:00:00Z")); // Sunday 22:00 CET = 21:00 UTC, not 20:00
    }

    @Test
    void aWindowStartingInTheSkippedSpringHourOpensWhenLocalTimeResumes() {
        // Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that night
        Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
        TemplateView template = template(StartMode.NEXT_WINDOW, null,
                window(Set.of(DayOfWeek.SUNDAY), "02:30", "04:00"));

        StartPlan plan = StartPlan.of(template, saturday);

        assertThat(plan.startAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    }

    @Test
    void theWeekAfterTheSpringChangeTheSameWindowOpensAnHourEarlierInUtc() {
        Instant before = Instant.parse("2026-03-21T12:00:00Z"); // Saturday, still CET
        Instant after = Instant.parse("2026-03-28T12:00:00Z"); // Saturday before the change
        TemplateView template = template(StartMode.NEXT_WINDOW, null,
                window(Set.of(DayOfWeek.MONDAY), "01:00", "04:00"));

        assertThat(StartPlan.of(template, before).startAt()).isEqualTo(Instant.parse("2026-03-23T00:00:00Z"));
        assertThat(StartPlan.of(template, after).startAt()).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
    }

    @Test
    void runForIsElapsedTimeFromTheStartEvenAcrossTheDstChange() {
        Instant saturday = Instant.parse("2026-10-24T12:00:00Z");
        TemplateView template = template(StartMode.NEXT_WINDOW, Duration.ofHours(6),
                window(Set.of(DayOfWeek.SATURDAY), "22:00", "05:00"));

        StartPlan plan = StartPlan.of(template, saturday);

        assertThat(plan.startAt()).isEqualTo(Instant.parse("2026-10-24T20:00:00Z"));
        assertThat(plan.endBy()).isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(plan.applyTo(template.policy()).schedule().endBy()).isEqualTo(plan.endBy());
    }

    @Test
    void startNowSetsNoStartTimeAndEndsRunForLater() {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        TemplateView template = template(StartMode.NOW, Duration.ofHours(2));

        StartPlan plan = StartPlan.of(template, now);

        assertThat(plan.start()).isTrue();
        assertThat(plan.startAt()).isNull();
        assertThat(plan.endBy()).isEqualTo(now.plus(Duration.ofHours(2)));
    }

    @Test
    void aDraftTemplateNeitherStartsNorLimitsTheRollout() {
        StartPlan plan = StartPlan.of(template(StartMode.DRAFT, null), Instant.parse("2026-01-05T10:00:00Z"));

        assertThat(plan.start()).isFalse();
        assertThat(plan.startAt()).isNull();
        assertThat(plan.endBy()).isNull();
    }

    private static MaintenanceWindow window(Set<DayOfWeek> days, String start, String end) {
        return new MaintenanceWindow(days, LocalTime.parse(start), LocalTime.parse(end), BERLIN);
    }

    private static TemplateView template(StartMode mode, Duration runFor, MaintenanceWindow... windows) {
        RolloutPolicy policy = new RolloutPolicy(null, null, null, null,
                new SchedulePolicy(null, List.of(windows), null, null), null);
        return new TemplateView(1, "t", 1, 1, null, List.of(1L), policy, mode, runFor, List.of(), Instant.EPOCH,
                Instant.EPOCH, "ops");
    }

}
