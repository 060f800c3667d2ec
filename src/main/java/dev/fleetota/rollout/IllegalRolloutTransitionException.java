package dev.fleetota.rollout;

import java.util.Map;

import dev.fleetota.common.ConflictException;

/** An action that the rollout's current state does not allow: a 409 problem naming the current state. */
class IllegalRolloutTransitionException extends ConflictException {

    IllegalRolloutTransitionException(Long rolloutId, RolloutStatus current, String action) {
        super("illegal-rollout-transition", "Action not allowed in the current state",
                "Rollout " + rolloutId + " is " + current + "; '" + action + "' is not allowed in that state.",
                Map.of("rolloutId", rolloutId == null ? -1 : rolloutId, "currentStatus", current.name(), "action",
                        action));
    }

}
