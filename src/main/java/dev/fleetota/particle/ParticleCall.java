package dev.fleetota.particle;

import dev.fleetota.particle.RetryPolicy.Mode;

/** Every kind of call the client makes, with how it may be retried; the name tags metrics and messages. */
enum ParticleCall {

    LIST_DEVICES("list-devices", Mode.IDEMPOTENT, false),
    GET_DEVICE("get-device", Mode.IDEMPOTENT, true),
    LOCK_AND_FLASH("lock-and-flash", Mode.RESEND_IF_UNSENT, true),
    UNLOCK("unlock", Mode.IDEMPOTENT, true),
    SET_FORCE_UPDATES("set-force-updates", Mode.IDEMPOTENT, true),
    SET_GROUPS("set-groups", Mode.IDEMPOTENT, true),
    CHANGE_GROUPS("change-groups", Mode.IDEMPOTENT, false),
    LIST_GROUPS("list-groups", Mode.IDEMPOTENT, false),
    CREATE_GROUP("create-group", Mode.RESEND_IF_UNSENT, false),
    DELETE_GROUP("delete-group", Mode.RESEND_IF_UNSENT, false),
    LIST_FIRMWARE("list-firmware", Mode.IDEMPOTENT, false),
    LIST_DEVICE_OS_VERSIONS("list-device-os-versions", Mode.IDEMPOTENT, false),
    LAST_DIAGNOSTICS("last-diagnostics", Mode.IDEMPOTENT, true),
    CALL_FUNCTION("call-function", Mode.NEVER, true),
    PING("ping", Mode.IDEMPOTENT, true);

    private final String label;

    private final Mode mode;

    private final boolean deviceRoute;

    ParticleCall(String label, Mode mode, boolean deviceRoute) {
        this.label = label;
        this.mode = mode;
        this.deviceRoute = deviceRoute;
    }

    String label() {
        return label;
    }

    Mode mode() {
        return mode;
    }

    /** On a device route Particle answers 403 for an unknown device id (§2.4): that means "not found". */
    boolean deviceRoute() {
        return deviceRoute;
    }

}
