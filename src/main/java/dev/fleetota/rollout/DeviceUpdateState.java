package dev.fleetota.rollout;

import java.util.EnumSet;
import java.util.Set;

/** Design §3: one device's journey through one rollout. */
public enum DeviceUpdateState {

    PENDING, SKIPPED, REQUESTED, FLASHING, SAFE_MODE, RESTARTED, VERIFYING, SUCCEEDED,
    FLASH_FAILED, TIMED_OUT, WRONG_VERSION, SILENT_IN_SAFE_MODE;

    /** A command may have reached the device: it is watched until it ends. */
    public static final Set<DeviceUpdateState> IN_FLIGHT = EnumSet.of(REQUESTED, FLASHING, SAFE_MODE, RESTARTED,
            VERIFYING);

    public static final Set<DeviceUpdateState> FAILURES = EnumSet.of(FLASH_FAILED, TIMED_OUT, WRONG_VERSION,
            SILENT_IN_SAFE_MODE);

    public boolean isInFlight() {
        return IN_FLIGHT.contains(this);
    }

    public boolean isFailure() {
        return FAILURES.contains(this);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == SKIPPED || isFailure();
    }

    /** Forward moves driven by events and deadlines; operator retries and skips are handled separately. */
    boolean canTransitionTo(DeviceUpdateState target) {
        return switch (this) {
            case PENDING -> target == SKIPPED || target == REQUESTED || target == FLASH_FAILED
                    || target == TIMED_OUT;
            case REQUESTED -> target == FLASHING || target == SAFE_MODE || target == RESTARTED
                    || target == VERIFYING || target == FLASH_FAILED || target == TIMED_OUT;
            case FLASHING -> target == SAFE_MODE || target == RESTARTED || target == VERIFYING
                    || target == FLASH_FAILED || target == TIMED_OUT;
            case SAFE_MODE -> target == RESTARTED || target == VERIFYING || target == TIMED_OUT
                    || target == SILENT_IN_SAFE_MODE;
            case RESTARTED -> target == SAFE_MODE || target == VERIFYING || target == WRONG_VERSION
                    || target == TIMED_OUT;
            case VERIFYING -> target == SUCCEEDED || target == WRONG_VERSION || target == RESTARTED
                    || target == SAFE_MODE || target == TIMED_OUT;
            case SKIPPED, SUCCEEDED, FLASH_FAILED, TIMED_OUT, WRONG_VERSION, SILENT_IN_SAFE_MODE -> false;
        };
    }

}
