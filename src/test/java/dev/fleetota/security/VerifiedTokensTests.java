package dev.fleetota.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.fleetota.security.VerifiedTokens.Verified;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache of verified tokens on its own, with a clock the test moves. */
class VerifiedTokensTests {

    private static final long TTL = Duration.ofSeconds(5).toNanos();

    private final AtomicLong now = new AtomicLong(1_000);

    private final VerifiedTokens tokens = new VerifiedTokens(TTL, now::get);

    private final Verified viewer = new Verified(7, "viewer", Role.VIEWER, null);

    @Test
    void aTokenIsKeptForTheTtlAndNoLonger() {
        tokens.put("h", viewer, tokens.generation());

        now.addAndGet(TTL - 1);
        assertThat(tokens.get("h")).contains(viewer);
        now.addAndGet(1);
        assertThat(tokens.get("h")).isEmpty();
    }

    @Test
    void aForgottenTokenIsLookedUpAgain() {
        tokens.put("h", viewer, tokens.generation());
        tokens.put("other", new Verified(8, "other", Role.ADMIN, null), tokens.generation());

        tokens.forget(7);

        assertThat(tokens.get("h")).isEmpty();
        assertThat(tokens.get("other")).isPresent();
    }

    @Test
    void aTokenReadBeforeARevocationCommittedIsNotKept() {
        long generation = tokens.generation(); // the lookup starts, then the revocation commits
        tokens.forget(7);

        tokens.put("h", viewer, generation);

        assertThat(tokens.get("h")).isEmpty();
    }

    @Test
    void aZeroTtlKeepsNothing() {
        VerifiedTokens none = new VerifiedTokens(0, now::get);

        none.put("h", viewer, none.generation());

        assertThat(none.get("h")).isEmpty();
    }

    @Test
    void aWriteOfLastUsedAtIsRememberedUntilTheEntryExpires() {
        tokens.put("h", viewer, tokens.generation());
        Instant used = Instant.parse("2026-12-07T05:00:00Z");

        tokens.used("h", used);

        assertThat(tokens.get("h")).get().extracting(Verified::lastUsedAt).isEqualTo(used);
        now.addAndGet(TTL);
        assertThat(tokens.get("h")).isEmpty();
    }

}
