package dev.fleetota.device;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceSyncSimKindTests {

    private final DeviceSyncProperties settings = new DeviceSyncProperties(Duration.ofMinutes(15),
            Duration.ofSeconds(10), 1000,
            List.of("89340765", "8901410", "89314404", "8988307", "8988323", "8910392"));

    @Test
    void aSimWithAParticlePrefixIsParticles() {
        assertThat(settings.simKind(true, "8934076500000000001")).isEqualTo("PARTICLE");
        assertThat(settings.simKind(true, "89883071234567890123")).isEqualTo("PARTICLE");
        assertThat(settings.simKind(true, "89014100000000000017")).isEqualTo("PARTICLE");
    }

    @Test
    void aCellularDeviceWithAnyOtherSimHasAThirdPartySim() {
        assertThat(settings.simKind(true, "8944500000000000001")).isEqualTo("THIRD_PARTY");
    }

    @Test
    void aCellularDeviceWithoutAnIccidCountsAsThirdPartyToStaySafe() {
        assertThat(settings.simKind(true, null)).isEqualTo("THIRD_PARTY");
    }

    @Test
    void aDeviceWithoutCellularAndIccidHasNoSim() {
        assertThat(settings.simKind(false, null)).isEqualTo("NONE");
        assertThat(settings.simKind(false, " ")).isEqualTo("NONE");
    }

    @Test
    void prefixesComeFromConfiguration() {
        DeviceSyncProperties custom = new DeviceSyncProperties(Duration.ofMinutes(15), Duration.ofSeconds(10), 1000,
                List.of("8944"));

        assertThat(custom.simKind(true, "8944500000000000001")).isEqualTo("PARTICLE");
        assertThat(custom.simKind(true, "8934076500000000001")).isEqualTo("THIRD_PARTY");
    }

}
