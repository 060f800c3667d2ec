-- Every Particle event as received (SSE or webhook), append-only and de-duplicated.

CREATE TABLE device_event (
    id              bigserial    PRIMARY KEY,
    -- hash of (name, coreid, published_at, data): the same event seen twice (SSE + webhook, reconnects) is stored once
    dedup_key       varchar(64)  NOT NULL CONSTRAINT device_event_dedup_uk UNIQUE,
    device_id       varchar(24),
    name            varchar(128) NOT NULL,
    data            text,
    published_at    timestamptz,
    product_version integer,
    source          varchar(16)  NOT NULL CHECK (source IN ('SSE', 'WEBHOOK', 'POLL')),
    received_at     timestamptz  NOT NULL DEFAULT now(),
    -- malformed events are kept with the reason; they never move device state
    rejected_reason varchar(500)
);
CREATE INDEX device_event_device_idx ON device_event (device_id, id);

-- Leases: which instance holds a singleton job (the product event stream) until when.
CREATE TABLE lease (
    name          varchar(64)  PRIMARY KEY,
    holder        varchar(128) NOT NULL,
    expires_at    timestamptz  NOT NULL
);
