package dev.fleetota.rollout;

import java.time.Instant;
import java.util.List;

import dev.fleetota.rollout.DeviceUpdateProgress.Step;
import org.junit.jupiter.api.Test;

import static dev.fleetota.rollout.DeviceUpdateState.FLASHING;
import static dev.fleetota.rollout.DeviceUpdateState.FLASH_FAILED;
import static dev.fleetota.rollout.DeviceUpdateState.REQUESTED;
import static dev.fleetota.rollout.DeviceUpdateState.RESTARTED;
import static dev.fleetota.rollout.DeviceUpdateState.SAFE_MODE;
import static dev.fleetota.rollout.DeviceUpdateState.SUCCEEDED;
import static dev.fleetota.rollout.DeviceUpdateState.VERIFYING;
import static dev.fleetota.rollout.DeviceUpdateState.WRONG_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

class DeviceUpdateProgressTests {

    private static final int TARGET = 4;

    private static Observation event(String name, String data, Integer version) {
        return new Observation(name, data, version, Instant.parse("2025-01-10T10:00:00Z"));
    }

    private static List<DeviceUpdateState> states(List<Step> steps) {
        return steps.stream().map(Step::to).toList();
    }

    @Test
    void flashStartedWithTrailingSpaceMovesRequestedToFlashing() {
        List<Step> steps = DeviceUpdateProgress.onEvent(REQUESTED, event("spark/flash/status", "started ", 3), TARGET,
                false);

        assertThat(states(steps)).containsExactly(FLASHING);
    }

    @Test
    void flashSuccessIsNotSuccess() {
        List<Step> steps = DeviceUpdateProgress.onEvent(FLASHING, event("spark/flash/status", "success ", 3), TARGET,
                false);

        assertThat(steps).isEmpty();
    }

    @Test
    void flashFailureEndsTheUpdate() {
        List<Step> steps = DeviceUpdateProgress.onEvent(FLASHING, event("spark/flash/status", "failed ", 3), TARGET,
                false);

        assertThat(states(steps)).containsExactly(FLASH_FAILED);
    }

    @Test
    void safeModeEventAfterTheResetEntersSafeMode() {
        List<Step> steps = DeviceUpdateProgress.onEvent(RESTARTED, event("spark/status/safe-mode", "{\"p\":13}", 0),
                TARGET, true);

        assertThat(states(steps)).containsExactly(SAFE_MODE);
    }

    @Test
    void onlineWithoutAppAfterTheTransferIsAResetAwaitingSafeMode() {
        List<Step> steps = DeviceUpdateProgress.onEvent(FLASHING, event("spark/status", "online", 0), TARGET, true);

        assertThat(states(steps)).containsExactly(RESTARTED);
    }

    @Test
    void healedDeviceOnlineOnTheTargetAppIsRestartedThenVerifying() {
        List<Step> steps = DeviceUpdateProgress.onEvent(SAFE_MODE, event("spark/status", "online", TARGET), TARGET,
                true);

        assertThat(states(steps)).containsExactly(RESTARTED, VERIFYING);
    }

    @Test
    void safeModeOnlineWithoutAppKeepsHealing() {
        List<Step> steps = DeviceUpdateProgress.onEvent(SAFE_MODE, event("spark/status", "online", 0), TARGET, true);

        assertThat(steps).isEmpty();
    }

    @Test
    void deviceBackOnTheOldAppEndsWrongVersion() {
        List<Step> steps = DeviceUpdateProgress.onEvent(RESTARTED, event("spark/status", "online", 3), TARGET, true);

        assertThat(states(steps)).containsExactly(WRONG_VERSION);
    }

    @Test
    void reconnectDuringTheTransferOnTheOldAppIsIgnored() {
        List<Step> steps = DeviceUpdateProgress.onEvent(FLASHING, event("spark/status", "online", 3), TARGET, false);

        assertThat(steps).isEmpty();
    }

    @Test
    void deviceThatSkipsSafeModeGoesFromFlashingToVerifying() {
        List<Step> steps = DeviceUpdateProgress.onEvent(FLASHING, event("spark/status", "online", TARGET), TARGET,
                true);

        assertThat(states(steps)).containsExactly(RESTARTED, VERIFYING);
    }

    @Test
    void panicDuringVerificationMeansItRestartedAgain() {
        List<Step> steps = DeviceUpdateProgress.onEvent(VERIFYING,
                event("spark/device/last_reset", "panic, hard_fault", TARGET), TARGET, true);

        assertThat(states(steps)).containsExactly(RESTARTED);
    }

    @Test
    void anOfflineRightAfterTheOnlineThatBeganVerificationIsTheResetsOwnOfflineArrivingSecond() {
        Observation offline = event("spark/status", "offline", 0);

        assertThat(DeviceUpdateProgress.onEvent(VERIFYING, offline, TARGET, true, true)).isEmpty();
        assertThat(states(DeviceUpdateProgress.onEvent(VERIFYING, offline, TARGET, true, false)))
            .as("a later offline is a drop").containsExactly(RESTARTED);
        assertThat(states(DeviceUpdateProgress.onEvent(VERIFYING,
                event("spark/device/last_reset", "panic, hard_fault", TARGET), TARGET, true, true)))
            .as("a panic is never an echo").containsExactly(RESTARTED);
    }

    @Test
    void terminalStatesIgnoreEvents() {
        List<Step> steps = DeviceUpdateProgress.onEvent(SUCCEEDED, event("spark/status", "online", 3), TARGET, true);

        assertThat(steps).isEmpty();
    }

    @Test
    void everyProducedStepIsALegalTransition() {
        for (DeviceUpdateState from : DeviceUpdateState.values()) {
            for (Observation e : List.of(event("spark/status", "online", TARGET), event("spark/status", "online", 0),
                    event("spark/status", "online", 2), event("spark/status", "offline", 0),
                    event("spark/flash/status", "started ", 2), event("spark/flash/status", "failed ", 2),
                    event("spark/status/safe-mode", "{}", 0), event("spark/device/last_reset", "panic, x", 4))) {
                DeviceUpdateState current = from;
                for (Step step : DeviceUpdateProgress.onEvent(from, e, TARGET, true)) {
                    assertThat(current == DeviceUpdateState.PENDING || current.canTransitionTo(step.to()))
                        .as("%s -> %s on %s", current, step.to(), e)
                        .isTrue();
                    current = step.to();
                }
            }
        }
    }

}
