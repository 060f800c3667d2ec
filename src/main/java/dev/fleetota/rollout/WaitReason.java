package dev.fleetota.rollout;

/** Why a rollout in WAITING is not starting devices. */
public enum WaitReason {

    /** The previous batch passed; its soak time is not over. */
    SOAK,
    /** Outside every maintenance window (or past endBy until the next window). */
    WINDOW_CLOSED,
    /** The canary passed and the policy asks an operator to approve the rest. */
    APPROVAL

}
