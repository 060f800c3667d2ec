package dev.fleetota.events;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconnectBackoffTests {

    private static final Instant T0 = Instant.parse("2025-01-10T10:00:00Z");

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60),
            Duration.ofSeconds(60));

    @Test
    void delaysGrowExponentiallyWithinHalfAndAllOfEachStep() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            long step = Math.min(60_000, 1000L << (attempt - 1));

            Duration delay = backoff.dropped(T0);

            assertThat(delay.toMillis()).isBetween(step / 2, step);
        }
    }

    @Test
    void aConnectionThatDropsAtOnceDoesNotResetTheBackoff() {
        backoff.dropped(T0);
        backoff.dropped(T0);
        backoff.connected(T0);

        Duration delay = backoff.dropped(T0.plusSeconds(1));

        assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aConnectionThatStayedUpResetsTheBackoff() {
        for (int i = 0; i < 5; i++) {
            backoff.dropped(T0);
        }
        backoff.connected(T0);

        Duration delay = backoff.dropped(T0.plusSeconds(600));

        assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aConnectionThatDeliveredAnEventResetsTheBackoffHoweverShortItWas() {
        for (int i = 0; i < 5; i++) {
            backoff.dropped(T0);
        }
        backoff.connected(T0);

        Duration delay = backoff.dropped(T0.plusSeconds(3), true);

        assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aShortConnectionThatDeliveredNothingKeepsGrowingTheBackoff() {
        for (int i = 0; i < 5; i++) {
            backoff.dropped(T0);
        }
        backoff.connected(T0);

        Duration delay = backoff.dropped(T0.plusSeconds(3), false);

        assertThat(delay).isGreaterThanOrEqualTo(Duration.ofSeconds(16));
    }

}
