-- Particle device-group mirroring of cohorts (dev.fleetota.cohort.GroupMirror*): one Particle group per cohort,
-- kept equal to the cohort's members, one way. claimed_until is a short lease so one instance syncs a mirror at a time.

CREATE TABLE cohort_group_mirror (
    cohort_id           bigint       PRIMARY KEY REFERENCES cohort (id) ON DELETE CASCADE,
    group_name          varchar(100) NOT NULL CONSTRAINT cohort_group_mirror_group_uk UNIQUE
                            CHECK (group_name ~ '^[a-z0-9_-]+$'),
    created_by          varchar(100) NOT NULL,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    claimed_until       timestamptz,
    last_sync_at        timestamptz,
    last_sync_outcome   varchar(16)  CHECK (last_sync_outcome IN ('SUCCESS', 'FAILED')),
    last_added          integer,
    last_removed        integer,
    last_member_count   integer,
    last_missing        integer,
    last_error          varchar(500)
);
