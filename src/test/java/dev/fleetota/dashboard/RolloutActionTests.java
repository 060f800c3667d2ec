package dev.fleetota.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.fleetota.rollout.RolloutPolicy;
import dev.fleetota.rollout.RolloutStatus;
import dev.fleetota.rollout.RolloutView;
import dev.fleetota.rollout.WaitReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which buttons a rollout page offers in each state (the server decides again on every action). */
class RolloutActionTests {

    static RolloutView rollout(RolloutStatus status, WaitReason wait) {
        return new RolloutView(1, "r", status, wait, 1, 1, 2, "4.2.0", List.of(1L), RolloutPolicy.defaults(), 1, 3,
                null, null, new RolloutView.Progress(0, 0, 0, 0, 0, 0, 0, Map.of()), null, "alice", Instant.EPOCH,
                null, null, null, null);
    }

    private static List<String> offered(RolloutStatus status, WaitReason wait) {
        return RolloutAction.offeredFor(rollout(status, wait)).stream().map(RolloutAction::name).toList();
    }

    @Test
    void aDraftCanBeStartedOrCancelled() {
        assertThat(offered(RolloutStatus.DRAFT, null)).containsExactly("start", "cancel");
    }

    @Test
    void aRunningRolloutCanBePausedOrCancelled() {
        assertThat(offered(RolloutStatus.RUNNING, null)).containsExactly("pause", "cancel");
    }

    @Test
    void aRolloutWaitingForApprovalCanBeApproved() {
        assertThat(offered(RolloutStatus.WAITING, WaitReason.APPROVAL)).containsExactly("approve", "pause", "cancel");
        assertThat(offered(RolloutStatus.WAITING, WaitReason.SOAK)).containsExactly("pause", "cancel");
    }

    @Test
    void aHaltedRolloutCanBeResumedOrCancelled() {
        assertThat(offered(RolloutStatus.HALTED, null)).containsExactly("resume", "cancel");
        assertThat(offered(RolloutStatus.PAUSED, null)).containsExactly("resume", "cancel");
    }

    @ParameterizedTest
    @EnumSource(value = RolloutStatus.class, names = { "COMPLETED", "CANCELLED" })
    void aFinishedRolloutOffersNothing(RolloutStatus status) {
        assertThat(offered(status, null)).isEmpty();
    }

    @Test
    void everyActionButPauseAsksForConfirmation() {
        List<RolloutAction> actions = RolloutAction.offeredFor(rollout(RolloutStatus.WAITING, WaitReason.APPROVAL));

        assertThat(actions).filteredOn(a -> !a.name().equals("pause")).allSatisfy(a -> assertThat(a.confirm()).isNotBlank());
        assertThat(actions).filteredOn(a -> a.name().equals("pause")).allSatisfy(a -> assertThat(a.confirm()).isNull());
    }

}
