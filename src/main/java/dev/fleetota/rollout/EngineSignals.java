package dev.fleetota.rollout;

import org.springframework.stereotype.Component;

/**
 * Wake-up calls between the engine's threads, so that they react at once to work made on this instance and poll
 * only as a fallback (work made by another instance, or a wake-up lost in a crash).
 */
@Component
class EngineSignals {

    /** A device update failed: the ticker steps at once, so a failure-threshold halt waits for no tick. */
    private final Wakeup step = new Wakeup();

    /** Commands were queued: idle dispatchers claim them at once. */
    private final Wakeup dispatch = new Wakeup();

    Wakeup step() {
        return step;
    }

    Wakeup dispatch() {
        return dispatch;
    }

}
