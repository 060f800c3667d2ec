-- Foundation: devices, firmware releases, cohorts, API tokens, audit trail.
-- Constraints live here as well as in Java.

CREATE TABLE device (
    id                          varchar(24)  PRIMARY KEY CHECK (id ~ '^[0-9a-f]{24}$'),
    name                        varchar(255),
    serial_number               varchar(64),
    product_id                  integer,
    platform_id                 integer      NOT NULL CHECK (platform_id >= 0),
    cellular                    boolean      NOT NULL DEFAULT false,
    iccid                       varchar(32),
    imei                        varchar(32),
    sim_kind                    varchar(16)  NOT NULL DEFAULT 'NONE'
                                    CHECK (sim_kind IN ('PARTICLE', 'THIRD_PARTY', 'NONE')),
    -- Device OS (system_firmware_version) as text and as an order-preserving rank (see dev.fleetota.common.SemVer)
    device_os_version           varchar(32),
    device_os_rank              bigint,
    -- product firmware (app) version the device last reported, and what the cloud targets
    firmware_version            integer,
    desired_firmware_version    integer,
    targeted_firmware_version   integer,
    development                 boolean      NOT NULL DEFAULT false,
    firmware_updates_enabled    boolean      NOT NULL DEFAULT true,
    firmware_updates_forced     boolean      NOT NULL DEFAULT false,
    particle_groups             text[]       NOT NULL DEFAULT '{}',
    -- local fields, owned by fleet-ota
    tags                        text[]       NOT NULL DEFAULT '{}',
    site                        varchar(100),
    time_zone                   varchar(64),
    -- health, from sync and events
    online                      boolean      NOT NULL DEFAULT false,
    safe_mode                   boolean      NOT NULL DEFAULT false,
    last_heard                  timestamptz,
    last_handshake_at           timestamptz,
    last_reset_reason           varchar(64),
    app_hash                    varchar(64),
    battery_charge              double precision,
    signal_strength             double precision,
    vitals                      jsonb,
    vitals_at                   timestamptz,
    removed_at                  timestamptz,
    synced_at                   timestamptz,
    created_at                  timestamptz  NOT NULL DEFAULT now(),
    updated_at                  timestamptz  NOT NULL DEFAULT now(),
    version                     bigint       NOT NULL DEFAULT 0
);
CREATE INDEX device_platform_idx ON device (platform_id);
CREATE INDEX device_os_rank_idx ON device (device_os_rank);
CREATE INDEX device_tags_idx ON device USING gin (tags);
CREATE INDEX device_site_idx ON device (site);

CREATE TABLE firmware_release (
    id                  bigserial    PRIMARY KEY,
    product_id          integer      NOT NULL CHECK (product_id > 0),
    version             integer      NOT NULL CHECK (version > 0),
    device_os_version   varchar(32)  NOT NULL,
    device_os_rank      bigint       NOT NULL,
    platform_ids        integer[]    NOT NULL CHECK (cardinality(platform_ids) > 0),
    title               varchar(200) NOT NULL,
    notes               text,
    git_sha             varchar(64)  CHECK (git_sha IS NULL OR git_sha ~ '^[0-9a-f]{7,64}$'),
    checksum            varchar(128),
    created_by          varchar(100),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT firmware_release_version_uk UNIQUE (product_id, version)
);

CREATE TABLE cohort (
    id            bigserial    PRIMARY KEY,
    name          varchar(100) NOT NULL CONSTRAINT cohort_name_uk UNIQUE,
    description   varchar(1000),
    -- dynamic selector (JSON: platformIds, simKinds, deviceOsMin, deviceOsMax, tags, sites); null = static only
    selector      jsonb,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    version       bigint       NOT NULL DEFAULT 0
);

CREATE TABLE cohort_member (
    cohort_id   bigint       NOT NULL REFERENCES cohort (id) ON DELETE CASCADE,
    device_id   varchar(24)  NOT NULL REFERENCES device (id),
    PRIMARY KEY (cohort_id, device_id)
);
CREATE INDEX cohort_member_device_idx ON cohort_member (device_id);

CREATE TABLE api_token (
    id            bigserial    PRIMARY KEY,
    name          varchar(100) NOT NULL CONSTRAINT api_token_name_uk UNIQUE,
    role          varchar(16)  NOT NULL CHECK (role IN ('VIEWER', 'OPERATOR', 'CI', 'ADMIN')),
    token_hash    varchar(64)  NOT NULL CONSTRAINT api_token_hash_uk UNIQUE,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

CREATE TABLE audit_entry (
    id              bigserial    PRIMARY KEY,
    at              timestamptz  NOT NULL DEFAULT now(),
    actor           varchar(100) NOT NULL,
    action          varchar(64)  NOT NULL,
    resource_type   varchar(32)  NOT NULL,
    resource_id     varchar(64),
    outcome         varchar(16)  NOT NULL CHECK (outcome IN ('SUCCESS', 'REJECTED', 'FAILED')),
    detail          jsonb
);
CREATE INDEX audit_entry_at_idx ON audit_entry (at DESC);
CREATE INDEX audit_entry_resource_idx ON audit_entry (resource_type, resource_id);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor);
