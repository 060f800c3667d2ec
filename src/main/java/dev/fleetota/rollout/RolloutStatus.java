package dev.fleetota.rollout;

import java.util.EnumSet;
import java.util.Set;

/** Design §3: the rollout state machine. Only the transitions listed here are legal. */
public enum RolloutStatus {

    DRAFT, SCHEDULED, RUNNING, WAITING, PAUSED, HALTED, COMPLETED, CANCELLED;

    /** States in which the engine still has work: devices to start or to watch. */
    public static final Set<RolloutStatus> ACTIVE = EnumSet.of(SCHEDULED, RUNNING, WAITING, PAUSED, HALTED);

    boolean canTransitionTo(RolloutStatus target) {
        return switch (this) {
            case DRAFT -> target == SCHEDULED || target == RUNNING || target == CANCELLED;
            case SCHEDULED -> target == RUNNING || target == CANCELLED;
            case RUNNING -> target == WAITING || target == PAUSED || target == HALTED || target == COMPLETED
                    || target == CANCELLED;
            case WAITING -> target == RUNNING || target == PAUSED || target == HALTED || target == CANCELLED;
            case PAUSED -> target == RUNNING || target == HALTED || target == CANCELLED;
            case HALTED -> target == RUNNING || target == CANCELLED;
            case COMPLETED, CANCELLED -> false;
        };
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED;
    }

}
