package dev.fleetota.common;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemVerTests {

    @Test
    void minorVersionsCompareAsNumbersNotStrings() {
        SemVer ten = SemVer.parse("5.10.0");
        SemVer nine = SemVer.parse("5.9.0");

        assertThat(ten).isGreaterThan(nine);
        assertThat(ten.rank()).isGreaterThan(nine.rank());
    }

    @Test
    void aPreReleaseSortsBelowItsRelease() {
        SemVer rc = SemVer.parse("6.0.0-rc.1");
        SemVer release = SemVer.parse("6.0.0");

        assertThat(rc).isLessThan(release);
        assertThat(rc.rank()).isLessThan(release.rank());
    }

    @Test
    void aPreReleaseSortsAboveThePreviousRelease() {
        assertThat(SemVer.parse("6.0.0-alpha")).isGreaterThan(SemVer.parse("5.99.99"));
        assertThat(SemVer.parse("6.0.0-alpha").rank()).isGreaterThan(SemVer.parse("5.99.99").rank());
    }

    @Test
    void preReleasesCompareByTheirIdentifiers() {
        List<String> sorted = Stream.of("1.0.0-rc.1", "1.0.0-alpha.beta", "1.0.0-beta.11", "1.0.0-alpha",
                "1.0.0-beta", "1.0.0-rc.10", "1.0.0-alpha.1", "1.0.0-beta.2")
            .map(SemVer::parse)
            .sorted()
            .map(SemVer::toString)
            .toList();

        assertThat(sorted).containsExactly("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0-rc.10");
    }

    @Test
    void theRankPreservesTheOrderAcrossMajorMinorAndPatch() {
        List<SemVer> versions = Stream.of("0.9.9", "1.0.0", "1.0.1", "1.2.0", "2.3.1", "4.0.2", "4.2.0", "5.9.0",
                "5.10.0", "10.0.0").map(SemVer::parse).toList();

        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i).rank()).isGreaterThan(versions.get(i - 1).rank());
            assertThat(versions.get(i)).isGreaterThan(versions.get(i - 1));
        }
    }

    @Test
    void aLeadingVAndBuildMetadataAreAccepted() {
        assertThat(SemVer.parse("v4.2.0+build.7")).isEqualTo(SemVer.parse("4.2.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "5", "5.1", "5.1.x", "05.1.0", "5.1.0-", "five", "5.1.0.1" })
    void malformedVersionsAreRejected(String text) {
        assertThatThrownBy(() -> SemVer.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SemVer.parseOrNull(text)).isNull();
    }

}
