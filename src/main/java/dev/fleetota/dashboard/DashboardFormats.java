package dev.fleetota.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import dev.fleetota.rollout.RolloutStatus;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.rollout.WaitReason;

import org.springframework.stereotype.Component;

/** How pages show times and durations: UTC timestamps and short relative times ("3 min ago", "in 2 h"). */
@Component
public class DashboardFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final Clock clock;

    DashboardFormats(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public String time(Instant instant) {
        return instant == null ? "–" : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** "12 s ago", "4 min ago", "in 3 h" (future times count down). */
    public String relative(Instant instant) {
        if (instant == null) {
            return "–";
        }
        Duration between = Duration.between(clock.instant(), instant);
        String span = duration(between.abs());
        return between.isNegative() ? span + " ago" : "in " + span;
    }

    /** The estimated completion, or why there is none while the rollout waits for an operator. */
    public String eta(RolloutView rollout) {
        if (rollout.status() == RolloutStatus.PAUSED || rollout.status() == RolloutStatus.HALTED) {
            return "on hold";
        }
        if (rollout.status() == RolloutStatus.WAITING && rollout.waitReason() == WaitReason.APPROVAL) {
            return "awaiting approval";
        }
        return relative(rollout.estimatedCompletion());
    }

    public String duration(Duration duration) {
        if (duration == null) {
            return "–";
        }
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " d";
    }

    public String percent(double share) {
        return share <= 0 ? "0 %" : share < 0.01 ? "<1 %" : Math.round(share * 100) + " %";
    }

}
