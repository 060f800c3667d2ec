package dev.fleetota.dashboard;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The stacked progress bar of a rollout or batch. */
class ProgressBarTests {

    @Test
    void segmentsFollowEachOtherAndFillTheBar() {
        ProgressBar bar = ProgressBar.of(Map.of("SUCCEEDED", 5, "FLASH_FAILED", 1, "SKIPPED", 1, "FLASHING", 2,
                "SAFE_MODE", 1, "PENDING", 10));

        assertThat(bar.segments()).extracting(ProgressBar.Segment::label, ProgressBar.Segment::count)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("succeeded", 5),
                    org.assertj.core.groups.Tuple.tuple("failed", 1), org.assertj.core.groups.Tuple.tuple("skipped", 1),
                    org.assertj.core.groups.Tuple.tuple("in flight", 3),
                    org.assertj.core.groups.Tuple.tuple("pending", 10));
        ProgressBar.Segment last = bar.segments().get(4);
        assertThat(last.x() + last.width()).isCloseTo(100.0, within(1e-9));
        assertThat(bar.segments().get(1).x()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void percentDoneCountsSucceededFailedAndSkippedDevices() {
        ProgressBar bar = ProgressBar.of(Map.of("SUCCEEDED", 5, "TIMED_OUT", 1, "SKIPPED", 1, "VERIFYING", 3));

        assertThat(bar.finished()).isEqualTo(7);
        assertThat(bar.percentDone()).isEqualTo(70);
    }

    @Test
    void anEmptyBatchHasNoWidth() {
        ProgressBar bar = ProgressBar.of(Map.of());

        assertThat(bar.total()).isZero();
        assertThat(bar.percentDone()).isZero();
        assertThat(bar.segments()).allSatisfy(s -> assertThat(s.width()).isZero());
    }

}
