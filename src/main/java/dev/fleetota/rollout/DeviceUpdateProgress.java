package dev.fleetota.rollout;

import java.util.ArrayList;
import java.util.List;

import static dev.fleetota.rollout.DeviceUpdateState.FLASHING;
import static dev.fleetota.rollout.DeviceUpdateState.FLASH_FAILED;
import static dev.fleetota.rollout.DeviceUpdateState.RESTARTED;
import static dev.fleetota.rollout.DeviceUpdateState.SAFE_MODE;
import static dev.fleetota.rollout.DeviceUpdateState.VERIFYING;
import static dev.fleetota.rollout.DeviceUpdateState.WRONG_VERSION;

/**
 * How an event moves a device update forward (design §3, contract §11.2). Pure: no I/O, no clock. Returns the
 * transitions in order (an event can imply two, e.g. a device that comes back online on the target app after safe
 * mode has both restarted and is now verifying); an empty list means the event changes nothing.
 * <p>
 * {@code spark/flash/status success} is never success: a device only reaches VERIFYING when it is online with the
 * target app running.
 */
final class DeviceUpdateProgress {

    private DeviceUpdateProgress() {
    }

    record Step(DeviceUpdateState to, String cause) {
    }

    static List<Step> onEvent(DeviceUpdateState state, Observation e, int targetVersion, boolean transferDone) {
        return onEvent(state, e, targetVersion, transferDone, false);
    }

    /**
     * As above; {@code echo} says that the event may be the second half of the pair that moved the update into its
     * state (arrived right after it, {@link DeviceUpdateTracker#RESET_ECHO}).
     */
    static List<Step> onEvent(DeviceUpdateState state, Observation e, int targetVersion, boolean transferDone,
            boolean echo) {
        List<Step> steps = new ArrayList<>();
        String cause = e.name() + (e.data().isEmpty() || e.isSafeMode() ? "" : " " + e.data());
        switch (state) {
            case PENDING, REQUESTED -> fromRequested(e, targetVersion, cause, steps);
            case FLASHING -> fromFlashing(e, targetVersion, transferDone, cause, steps);
            case RESTARTED -> fromRestarted(e, targetVersion, cause, steps);
            case SAFE_MODE -> fromSafeMode(e, targetVersion, cause, steps);
            case VERIFYING -> fromVerifying(e, targetVersion, echo, cause, steps);
            default -> {
                // terminal states never move on events
            }
        }
        return steps;
    }

    private static void fromRequested(Observation e, int target, String cause, List<Step> steps) {
        if (e.is(Observation.FLASH_STATUS, "started")) {
            steps.add(new Step(FLASHING, cause));
        }
        else if (e.is(Observation.FLASH_STATUS, "failed")) {
            steps.add(new Step(FLASH_FAILED, cause));
        }
        else if (e.isSafeMode()) {
            steps.add(new Step(SAFE_MODE, cause));
        }
        else if (e.isOnline() && e.appRunning() && e.productVersion() == target) {
            // the flash events were missed (stream gap): it restarted and runs the target app
            steps.add(new Step(RESTARTED, cause));
            steps.add(new Step(VERIFYING, cause));
        }
    }

    private static void fromFlashing(Observation e, int target, boolean transferDone, String cause,
            List<Step> steps) {
        if (e.is(Observation.FLASH_STATUS, "failed")) {
            steps.add(new Step(FLASH_FAILED, cause));
        }
        else if (e.isSafeMode()) {
            steps.add(new Step(SAFE_MODE, cause));
        }
        else if (e.isOffline() && transferDone) {
            steps.add(new Step(RESTARTED, cause));
        }
        else if (e.isOnline() && (transferDone || !e.appRunning() || e.productVersion() == target)) {
            steps.add(new Step(RESTARTED, cause));
            onlineAfterReset(e, target, cause, steps);
        }
    }

    private static void fromRestarted(Observation e, int target, String cause, List<Step> steps) {
        if (e.isSafeMode()) {
            steps.add(new Step(SAFE_MODE, cause));
        }
        else if (e.isOnline()) {
            onlineAfterReset(e, target, cause, steps);
        }
    }

    private static void fromSafeMode(Observation e, int target, String cause, List<Step> steps) {
        if (e.isOnline() && e.appRunning()) {
            steps.add(new Step(RESTARTED, cause));
            onlineAfterReset(e, target, cause, steps);
        }
    }

    /**
     * An {@code offline} right after the {@code online} that began verification is the reset's own {@code offline}
     * arriving second (contract §13.5: "offline after online, identical timestamps"), not a new drop: taken as one,
     * it left healthy devices RESTARTED until they timed out (1.9 % of a 10k demo rollout). A later drop still
     * counts, and one that stays offline is caught by the verification read at the end, which needs it online.
     */
    private static void fromVerifying(Observation e, int target, boolean echo, String cause, List<Step> steps) {
        if (e.isSafeMode()) {
            steps.add(new Step(SAFE_MODE, cause));
        }
        else if ((e.isOffline() && !echo) || e.isPanicReset()) {
            steps.add(new Step(RESTARTED, cause));
        }
        else if (e.isOnline() && e.appRunning() && e.productVersion() != target) {
            steps.add(new Step(WRONG_VERSION, cause + " on app v" + e.productVersion()));
        }
    }

    /** Online after a reset: the target app (verify), no app yet (safe mode follows), or another app (wrong). */
    private static void onlineAfterReset(Observation e, int target, String cause, List<Step> steps) {
        if (!e.appRunning()) {
            return;
        }
        if (e.productVersion() == target) {
            steps.add(new Step(VERIFYING, cause));
        }
        else {
            steps.add(new Step(WRONG_VERSION, cause + " on app v" + e.productVersion()));
        }
    }

}
