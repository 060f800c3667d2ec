package dev.fleetota.firmware;

import dev.fleetota.common.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultProductTests {

    @Test
    void anExplicitProductIdWins() {
        assertThat(new DefaultProduct("30301").resolve(42)).isEqualTo(42);
    }

    @Test
    void aNumericConfiguredProductIsTheDefault() {
        assertThat(new DefaultProduct("30301").resolve(null)).isEqualTo(30301);
    }

    @Test
    void aProductSlugCannotBeTheDefault() {
        assertThatThrownBy(() -> new DefaultProduct("my-product-slug").resolve(null))
            .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void noConfiguredProductAndNoProductIdIsRejected() {
        assertThatThrownBy(() -> new DefaultProduct("").resolve(null)).isInstanceOf(InvalidRequestException.class);
    }

}
