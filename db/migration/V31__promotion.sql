-- Promotions (dev.fleetota.promotion): one row per promotion that created a rollout. The Idempotency-Key is unique:
-- a request inserts its key first (INSERT ... ON CONFLICT DO NOTHING), so a concurrent request with the same key
-- waits for the first one's transaction and then replays its stored response. A failed promotion rolls its row back
-- and leaves the key free. After the retention period the key is cleared; the row stays as a record.

CREATE TABLE promotion (
    id                  bigserial    PRIMARY KEY,
    idempotency_key     varchar(255) CONSTRAINT promotion_idempotency_key_uk UNIQUE,
    -- SHA-256 (hex) of the canonical request body
    request_hash        varchar(64)  NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
    actor               varchar(100) NOT NULL,
    created_at          timestamptz  NOT NULL DEFAULT now(),
    -- filled in the same transaction that inserted the row, before it commits
    template_id         bigint,
    template_version    integer,
    firmware_release_id bigint,
    rollout_id          bigint,
    response            jsonb
);
CREATE INDEX promotion_created_idx ON promotion (created_at) WHERE idempotency_key IS NOT NULL;
CREATE INDEX promotion_rollout_idx ON promotion (rollout_id);
