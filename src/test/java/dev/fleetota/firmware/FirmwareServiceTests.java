package dev.fleetota.firmware;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.fleetota.IntegrationTest;
import dev.fleetota.common.ConflictException;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class FirmwareServiceTests {

    @Autowired
    FirmwareService firmware;

    int product = ThreadLocalRandom.current().nextInt(1, 1_000_000_000);

    @Test
    void registerOrFindCreatesANewRelease() {
        RegistrationResult result = firmware.registerOrFind(release("6.1.0", "abc1234"));

        assertThat(result.created()).isTrue();
        assertThat(firmware.find(product, 3)).contains(result.release());
        assertThat(firmware.get(result.release().id())).isEqualTo(result.release());
    }

    @Test
    void registerOrFindReturnsTheIdenticalExistingRelease() {
        RegistrationResult first = firmware.registerOrFind(release("6.1.0", "abc1234"));

        RegistrationResult again = firmware.registerOrFind(release("6.1.0", "abc1234"));

        assertThat(again.created()).isFalse();
        assertThat(again.release().id()).isEqualTo(first.release().id());
    }

    @Test
    void registerOrFindRejectsTheSameVersionWithOtherContent() {
        firmware.registerOrFind(release("6.1.0", "abc1234"));

        assertThatThrownBy(() -> firmware.registerOrFind(release("6.1.0", "def5678")))
            .isInstanceOf(ConflictException.class)
            .hasFieldOrPropertyWithValue("problemType", "firmware-content-mismatch");
    }

    @Test
    void registerOrFindValidatesItsCommand() {
        RegisterFirmware invalid = new RegisterFirmware(product, 0, "6.1.0", List.of(13), "t", null, null, null);

        assertThatThrownBy(() -> firmware.registerOrFind(invalid)).isInstanceOf(ConstraintViolationException.class);
    }

    @Test
    void findReturnsEmptyForAnUnknownVersion() {
        assertThat(firmware.find(product, 424242)).isEmpty();
    }

    private RegisterFirmware release(String deviceOs, String gitSha) {
        return new RegisterFirmware(product, 3, deviceOs, List.of(13, 12), "Release", "notes", gitSha, "c");
    }

}
