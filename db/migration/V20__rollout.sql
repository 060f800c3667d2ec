-- Rollout engine: rollouts, their batches, one device update per device and rollout, the timeline of every
-- device-update transition, the flash-command outbox and the outgoing notification outbox.

CREATE TABLE rollout (
    id                      bigserial    PRIMARY KEY,
    name                    varchar(100) NOT NULL,
    firmware_release_id     bigint       NOT NULL REFERENCES firmware_release (id),
    product_id              integer      NOT NULL,
    target_firmware_version integer      NOT NULL CHECK (target_firmware_version > 0),
    target_device_os        varchar(32)  NOT NULL,
    target_device_os_rank   bigint       NOT NULL,
    target_platform_ids     integer[]    NOT NULL,
    cohort_ids              bigint[]     NOT NULL CHECK (cardinality(cohort_ids) > 0),
    status                  varchar(16)  NOT NULL CHECK (status IN
                                ('DRAFT', 'SCHEDULED', 'RUNNING', 'WAITING', 'PAUSED', 'HALTED', 'COMPLETED', 'CANCELLED')),
    wait_reason             varchar(16)  CHECK (wait_reason IN ('SOAK', 'WINDOW_CLOSED', 'APPROVAL')),
    policy                  jsonb        NOT NULL,
    start_at                timestamptz,
    end_by                  timestamptz,
    current_batch           integer      NOT NULL DEFAULT 0,
    total_batches           integer      NOT NULL DEFAULT 0,
    soak_until              timestamptz,
    halt_reason             jsonb,
    halted_at               timestamptz,
    created_by              varchar(100) NOT NULL,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    started_at              timestamptz,
    finished_at             timestamptz,
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    template_id             bigint,
    template_version        integer,
    version                 bigint       NOT NULL DEFAULT 0
);
CREATE INDEX rollout_status_idx ON rollout (status);

CREATE TABLE rollout_batch (
    rollout_id              bigint       NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
    number                  integer      NOT NULL CHECK (number > 0),
    size                    integer      NOT NULL CHECK (size >= 0),
    high_risk               boolean      NOT NULL DEFAULT false,
    status                  varchar(16)  NOT NULL DEFAULT 'PENDING'
                                CHECK (status IN ('PENDING', 'ACTIVE', 'PASSED', 'FAILED')),
    failures_accepted       integer      NOT NULL DEFAULT 0,
    started_at              timestamptz,
    finished_at             timestamptz,
    PRIMARY KEY (rollout_id, number)
);

CREATE TABLE device_update (
    id                      bigserial    PRIMARY KEY,
    rollout_id              bigint       NOT NULL REFERENCES rollout (id) ON DELETE CASCADE,
    device_id               varchar(24)  NOT NULL REFERENCES device (id),
    batch_number            integer      NOT NULL,
    position                integer      NOT NULL,
    attempt                 integer      NOT NULL DEFAULT 1 CHECK (attempt > 0),
    state                   varchar(24)  NOT NULL CHECK (state IN
                                ('PENDING', 'SKIPPED', 'REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING',
                                 'SUCCEEDED', 'FLASH_FAILED', 'TIMED_OUT', 'WRONG_VERSION', 'SILENT_IN_SAFE_MODE')),
    state_changed_at        timestamptz  NOT NULL DEFAULT now(),
    deadline_at             timestamptz,
    last_event_at           timestamptz,
    requested_at            timestamptz,
    -- last fresh read of the device from the cloud before starting it (preflight)
    preflight_read_at       timestamptz,
    preflight_claimed_at    timestamptz,
    safe_mode_since         timestamptz,
    flash_succeeded_at      timestamptz,
    verify_until            timestamptz,
    finished_at             timestamptz,
    from_firmware_version   integer,
    from_device_os          varchar(32),
    reason                  varchar(300),
    acknowledged_at         timestamptz,
    CONSTRAINT device_update_device_uk UNIQUE (rollout_id, device_id)
);
CREATE INDEX device_update_batch_idx ON device_update (rollout_id, batch_number, state);
-- at most one device update in flight per device, across all rollouts
CREATE UNIQUE INDEX device_update_in_flight_uk ON device_update (device_id)
    WHERE state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING');
CREATE INDEX device_update_deadline_idx ON device_update (deadline_at)
    WHERE state IN ('REQUESTED', 'FLASHING', 'SAFE_MODE', 'RESTARTED', 'VERIFYING');

CREATE TABLE device_update_transition (
    id                      bigserial    PRIMARY KEY,
    device_update_id        bigint       NOT NULL REFERENCES device_update (id) ON DELETE CASCADE,
    rollout_id              bigint       NOT NULL,
    device_id               varchar(24)  NOT NULL,
    attempt                 integer      NOT NULL,
    at                      timestamptz  NOT NULL,
    from_state              varchar(24),
    to_state                varchar(24)  NOT NULL,
    cause                   varchar(64)  NOT NULL,
    event_id                bigint,
    detail                  varchar(500)
);
CREATE INDEX device_update_transition_device_idx ON device_update_transition (device_id, id);
CREATE INDEX device_update_transition_rollout_idx ON device_update_transition (rollout_id, id);

-- The outbox of lock+flash commands. One command per device, rollout and attempt, enforced here: a device is never
-- told twice in one attempt, whatever crashes or instances there are.
CREATE TABLE flash_command (
    id                      bigserial    PRIMARY KEY,
    device_update_id        bigint       NOT NULL REFERENCES device_update (id) ON DELETE CASCADE,
    rollout_id              bigint       NOT NULL,
    device_id               varchar(24)  NOT NULL,
    attempt                 integer      NOT NULL,
    firmware_version        integer      NOT NULL,
    force_updates           boolean      NOT NULL DEFAULT false,
    status                  varchar(16)  NOT NULL CHECK (status IN
                                ('PENDING', 'SENDING', 'SENT', 'FAILED', 'UNKNOWN', 'CANCELLED')),
    not_before              timestamptz  NOT NULL DEFAULT now(),
    created_at              timestamptz  NOT NULL DEFAULT now(),
    claimed_at              timestamptz,
    sent_at                 timestamptz,
    claimed_by              varchar(128),
    error                   varchar(500),
    CONSTRAINT flash_command_attempt_uk UNIQUE (rollout_id, device_id, attempt)
);
CREATE INDEX flash_command_pending_idx ON flash_command (not_before) WHERE status = 'PENDING';
CREATE INDEX flash_command_sending_idx ON flash_command (claimed_at) WHERE status = 'SENDING';

CREATE TABLE notification (
    id                      bigserial    PRIMARY KEY,
    kind                    varchar(32)  NOT NULL,
    rollout_id              bigint,
    payload                 jsonb        NOT NULL,
    status                  varchar(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts                integer      NOT NULL DEFAULT 0,
    next_attempt_at         timestamptz  NOT NULL DEFAULT now(),
    created_at              timestamptz  NOT NULL DEFAULT now(),
    sent_at                 timestamptz,
    last_error              varchar(500)
);
CREATE INDEX notification_pending_idx ON notification (next_attempt_at) WHERE status = 'PENDING';

-- Moments the engine must know about across instances, e.g. when the product event stream last (re)connected:
-- silence in safe mode is only counted from then on (a gap in listening is not a device's silence).
CREATE TABLE engine_marker (
    name                    varchar(64)  PRIMARY KEY,
    at                      timestamptz  NOT NULL
);
