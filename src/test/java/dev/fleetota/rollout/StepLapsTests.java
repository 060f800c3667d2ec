package dev.fleetota.rollout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A slow step's log line: its phases in order, each with its time. */
class StepLapsTests {

    @Test
    void phasesAreListedInOrderWithTheirTimes() throws Exception {
        StepLaps laps = new StepLaps();
        laps.lap("lock");
        Thread.sleep(30);
        laps.lap("halt");

        assertThat(laps.toString()).matches("lock \\d+ ms, halt \\d+ ms");
        assertThat(Long.parseLong(laps.toString().replaceAll(".*halt (\\d+) ms", "$1"))).isGreaterThanOrEqualTo(30);
        assertThat(laps.total().toMillis()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void fromTheTwelfthPhaseOnTheyAddUpUnderOthers() throws Exception {
        StepLaps laps = new StepLaps();
        for (int i = 1; i <= 11; i++) {
            laps.lap("p" + i);
        }
        Thread.sleep(10);
        laps.lap("p12");
        Thread.sleep(10);
        laps.lap("p13");

        assertThat(laps.toString().split(", ")).hasSize(12);
        assertThat(laps.toString()).startsWith("p1 ").contains(", p11 ").doesNotContain("p12").doesNotContain("p13");
        long others = Long.parseLong(laps.toString().replaceAll(".*, others (\\d+) ms$", "$1"));
        assertThat(others).isGreaterThanOrEqualTo(20);
    }

}
