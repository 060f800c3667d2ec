package dev.fleetota.dashboard;

import java.util.ArrayList;
import java.util.List;

import dev.fleetota.common.SemVer;
import dev.fleetota.dashboard.FleetOverview.Counts;
import dev.fleetota.dashboard.FleetOverview.Group;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding the grouped device counts into the overview's four charts. */
class FleetOverviewTests {

    private static Group group(String os, int platform, String sim, boolean online, long count) {
        return new Group(os, os == null ? -1 : SemVer.parse(os).rank(), platform, sim, online, count);
    }

    @Test
    void countsAreSummedPerDimension() {
        List<Group> groups = List.of(group("5.9.0", 13, "PARTICLE", true, 30), group("5.9.0", 13, "PARTICLE", false, 5),
                group("4.2.0", 10, "THIRD_PARTY", true, 7));

        Counts counts = FleetOverview.fold(groups);

        assertThat(counts.total()).isEqualTo(42);
        assertThat(counts.online()).isEqualTo(37);
        assertThat(counts.platforms().rows()).extracting(BarChart.Row::label, BarChart.Row::count)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("Boron (13)", 35L),
                    org.assertj.core.groups.Tuple.tuple("Electron/E-Series (10)", 7L));
        assertThat(counts.simKinds().rows()).extracting(BarChart.Row::label).containsExactly("PARTICLE", "THIRD_PARTY");
        assertThat(counts.connectivity().rows()).extracting(BarChart.Row::count).containsExactly(37L, 5L);
    }

    @Test
    void deviceOsVersionsAreOrderedNewestFirstSemantically() {
        List<Group> groups = List.of(group("5.9.0", 13, "NONE", true, 1), group("5.10.0", 13, "NONE", true, 1),
                group(null, 13, "NONE", true, 1), group("6.0.0-rc.1", 13, "NONE", true, 1));

        Counts counts = FleetOverview.fold(groups);

        assertThat(counts.deviceOs().rows()).extracting(BarChart.Row::label)
            .containsExactly("6.0.0-rc.1", "5.10.0", "5.9.0", "unknown");
    }

    @Test
    void versionsBeyondTheChartsLengthAreSummedAsOther() {
        List<Group> groups = new ArrayList<>();
        for (int minor = 0; minor < FleetOverview.MAX_VERSIONS + 4; minor++) {
            groups.add(group("5." + minor + ".0", 13, "NONE", true, 2));
        }

        Counts counts = FleetOverview.fold(groups);

        assertThat(counts.deviceOs().rows()).hasSize(FleetOverview.MAX_VERSIONS + 1);
        assertThat(counts.deviceOs().rows().get(FleetOverview.MAX_VERSIONS).label()).isEqualTo("other");
        assertThat(counts.deviceOs().rows().get(FleetOverview.MAX_VERSIONS).count()).isEqualTo(8);
    }

    @Test
    void theLargestBarFillsTheRowAndSharesAreOfTheTotal() {
        Counts counts = FleetOverview.fold(List.of(group("5.9.0", 13, "NONE", true, 75),
                group("4.2.0", 13, "NONE", true, 25)));

        assertThat(counts.deviceOs().rows()).extracting(BarChart.Row::width).containsExactly(100.0, 100.0 / 3);
        assertThat(counts.deviceOs().rows()).extracting(BarChart.Row::share).containsExactly(0.75, 0.25);
    }

    @Test
    void anEmptyFleetHasEmptyCharts() {
        Counts counts = FleetOverview.fold(List.of());

        assertThat(counts.total()).isZero();
        assertThat(counts.deviceOs().rows()).isEmpty();
        assertThat(counts.connectivity().rows()).extracting(BarChart.Row::width).containsOnly(0.0);
    }

}
