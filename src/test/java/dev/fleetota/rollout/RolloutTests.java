package dev.fleetota.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.fleetota.common.ConflictException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolloutTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Rollout draft(RolloutPolicy policy) {
        return new Rollout("r", new RolloutTarget(1, 1, 4, "4.2.0", 1L, List.of(13)), List.of(1L), policy, "ops", NOW);
    }

    @Test
    void startingADraftRunsItAtOnce() {
        Rollout rollout = draft(RolloutPolicy.defaults());

        rollout.start(3, NOW);

        assertThat(rollout.getStatus()).isEqualTo(RolloutStatus.RUNNING);
        assertThat(rollout.getTotalBatches()).isEqualTo(3);
    }

    @Test
    void startingWithAFutureStartTimeSchedulesIt() {
        Rollout rollout = draft(new RolloutPolicy(null, null, null, null,
                new SchedulePolicy(NOW.plusSeconds(3600), null, null, null), null));

        rollout.start(1, NOW);

        assertThat(rollout.getStatus()).isEqualTo(RolloutStatus.SCHEDULED);
    }

    @Test
    void startingACompletedRolloutIsRejectedNamingTheState() {
        Rollout rollout = draft(RolloutPolicy.defaults());
        rollout.start(1, NOW);
        rollout.complete(NOW);

        assertThatThrownBy(() -> rollout.start(1, NOW)).isInstanceOf(ConflictException.class)
            .hasMessageContaining("COMPLETED");
    }

    @Test
    void approveIsOnlyAllowedWhileAwaitingApproval() {
        Rollout rollout = draft(RolloutPolicy.defaults());
        rollout.start(2, NOW);

        assertThatThrownBy(() -> rollout.approve(NOW)).isInstanceOf(ConflictException.class);
        rollout.waitFor(WaitReason.APPROVAL, null, NOW);
        rollout.approve(NOW);
        assertThat(rollout.getStatus()).isEqualTo(RolloutStatus.RUNNING);
    }

    @Test
    void resumingAHaltedRolloutClearsTheHalt() {
        Rollout rollout = draft(RolloutPolicy.defaults());
        rollout.start(2, NOW);
        rollout.halt(new HaltReason(HaltReason.SILENT_IN_SAFE_MODE, "d", 1, List.of("x"), NOW, NOW), NOW);

        assertThat(rollout.getHaltReason().deviceIds()).containsExactly("x");
        rollout.resume(NOW);
        assertThat(rollout.getStatus()).isEqualTo(RolloutStatus.RUNNING);
        assertThat(rollout.getHaltReason()).isNull();
    }

    @Test
    void policyKeepsItsSettingsThroughJson() {
        RolloutPolicy policy = new RolloutPolicy(new BatchStrategy(2, 10, null, 2.0, 50, Duration.ofSeconds(30), false),
                null, null, null, null, new PreUpdateHook("prepareOta", "now", 1));

        RolloutPolicy back = RolloutJson.read(RolloutJson.write(policy), RolloutPolicy.class);

        assertThat(back).isEqualTo(policy);
        assertThat(back.safety().safeModeSilence()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void cancelledIsFinal() {
        Rollout rollout = draft(RolloutPolicy.defaults());
        rollout.cancel(NOW);

        assertThatThrownBy(() -> rollout.resume(NOW)).isInstanceOf(ConflictException.class);
    }

}
