package dev.fleetota.template;

/** What a promotion does with the rollout it creates from a template. */
public enum StartMode {

    /** Leave it in DRAFT: an operator looks at the plan and starts it. */
    DRAFT,

    /** Start it at once. */
    NOW,

    /** Start it when the template's next maintenance window opens (at once when one is open). */
    NEXT_WINDOW

}
