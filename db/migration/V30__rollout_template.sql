-- Rollout templates (dev.fleetota.template): a named head row and one immutable row per version. Every update
-- writes a new version; rollouts record (template_id, template_version). Deleting a template only marks the head,
-- so the versions rollouts came from stay readable.

CREATE TABLE rollout_template (
    id                  bigserial    PRIMARY KEY,
    name                varchar(100) NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
    current_version     integer      NOT NULL CHECK (current_version > 0),
    created_by          varchar(100) NOT NULL,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    version             bigint       NOT NULL DEFAULT 0
);
-- a name is unique among live templates; a deleted template's name can be reused
CREATE UNIQUE INDEX rollout_template_name_uk ON rollout_template (name) WHERE deleted_at IS NULL;

CREATE TABLE rollout_template_version (
    id                  bigserial    PRIMARY KEY,
    template_id         bigint       NOT NULL REFERENCES rollout_template (id),
    version             integer      NOT NULL CHECK (version > 0),
    name                varchar(100) NOT NULL,
    description         varchar(1000),
    cohort_ids          bigint[]     NOT NULL CHECK (cardinality(cohort_ids) > 0),
    -- a dev.fleetota.rollout.RolloutPolicy without startAt/endBy (those are set per promotion)
    policy              jsonb        NOT NULL,
    start_mode          varchar(16)  NOT NULL CHECK (start_mode IN ('DRAFT', 'NOW', 'NEXT_WINDOW')),
    run_for_millis      bigint       CHECK (run_for_millis > 0),
    -- promotion gates: [{name, minSucceeded, cohortId}]
    gates               jsonb        NOT NULL DEFAULT '[]',
    created_by          varchar(100) NOT NULL,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT rollout_template_version_uk UNIQUE (template_id, version)
);
