-- +goose Up
-- The high-level body's review and publication of adopted recommendations,
-- the registry of decision-making bodies, the relay's transactional outbox
-- and delivery log, and the bodies' answers.

-- Review: one summary per recommendation, translations of it, approvals.
CREATE TABLE publication_summaries (
    recommendation_id bigint PRIMARY KEY REFERENCES recommendations(id),
    summary           text   NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
    updated_by        bigint NOT NULL REFERENCES accounts(id),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE publication_translations (
    recommendation_id bigint NOT NULL REFERENCES recommendations(id),
    language          text   NOT NULL CHECK (length(language) BETWEEN 2 AND 35),
    text              text   NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
    updated_by        bigint NOT NULL REFERENCES accounts(id),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recommendation_id, language)
);

-- One approval per member: the key, not the code, keeps two approvals from
-- one person from publishing.
CREATE TABLE publication_approvals (
    recommendation_id bigint NOT NULL REFERENCES recommendations(id),
    account_id        bigint NOT NULL REFERENCES accounts(id),
    approved_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recommendation_id, account_id)
);

-- A published recommendation: what was published (version, summary) is
-- kept as published, whatever changes later. next_sequence numbers the
-- recommendation's relayed events.
CREATE TABLE publications (
    recommendation_id bigint PRIMARY KEY REFERENCES recommendations(id),
    version           int    NOT NULL,
    summary           text   NOT NULL DEFAULT '',
    published_at      timestamptz NOT NULL DEFAULT now(),
    next_sequence     bigint NOT NULL DEFAULT 1
);
CREATE INDEX publications_published ON publications (published_at DESC);

CREATE TABLE bodies (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text   NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 300),
    kind       text   NOT NULL CHECK (kind IN ('un_general_assembly', 'cstd', 'itu', 'unesco', 'parliament', 'other')),
    -- The "whsec_" secret the body signs its answers with.
    inbound_secret text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE body_endpoints (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id       bigint  NOT NULL REFERENCES bodies(id),
    url           text    NOT NULL CHECK (url ~ '^https?://'),
    enabled       boolean NOT NULL DEFAULT true,
    -- Loopback, link-local and private addresses are refused at dial time
    -- unless the Secretariat sets this, explicitly.
    allow_private boolean NOT NULL DEFAULT false,
    disabled_reason text  NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX body_endpoints_body ON body_endpoints (body_id);

CREATE TABLE endpoint_secrets (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id bigint  NOT NULL REFERENCES body_endpoints(id),
    kind        text    NOT NULL CHECK (kind IN ('hmac', 'ed25519')),
    secret      text    NOT NULL,
    public_key  text    NOT NULL DEFAULT '',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX endpoint_secrets_endpoint ON endpoint_secrets (endpoint_id) WHERE active;

-- The transactional outbox: written in the publication's transaction, so a
-- row exists if and only if the publication committed. event_id is the
-- webhook-id (the same for every attempt); claimed_by and claimed_until
-- are a worker's lease, so a crashed worker's rows come back after it.
CREATE TABLE relay_outbox (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          text   NOT NULL,
    endpoint_id       bigint NOT NULL REFERENCES body_endpoints(id),
    recommendation_id bigint NOT NULL REFERENCES recommendations(id),
    sequence          bigint NOT NULL,
    payload           jsonb  NOT NULL,
    attempts          int    NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    state             text   NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivering', 'delivered', 'failed', 'disabled')),
    claimed_by        text,
    claimed_until     timestamptz,
    delivered_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX relay_outbox_due ON relay_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX relay_outbox_leased ON relay_outbox (claimed_until) WHERE state = 'delivering';
CREATE INDEX relay_outbox_recommendation ON relay_outbox (recommendation_id);

-- Every attempt, kept.
CREATE TABLE relay_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id   bigint NOT NULL REFERENCES relay_outbox(id),
    attempt     int    NOT NULL,
    worker      text   NOT NULL,
    status      int    NOT NULL DEFAULT 0,
    error       text   NOT NULL DEFAULT '',
    duration_ms int    NOT NULL DEFAULT 0,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relay_attempts_outbox ON relay_attempts (outbox_id, id);

-- Bodies' answers; a retried answer (same webhook-id) is recorded once.
CREATE TABLE body_answers (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body_id           bigint NOT NULL REFERENCES bodies(id),
    recommendation_id bigint NOT NULL REFERENCES publications(recommendation_id),
    state             text   NOT NULL CHECK (state IN ('received', 'under_consideration', 'acted_upon', 'declined')),
    text              text   NOT NULL DEFAULT '' CHECK (length(text) <= 20000),
    link              text   NOT NULL DEFAULT '',
    message_id        text   NOT NULL,
    at                timestamptz NOT NULL DEFAULT now(),
    UNIQUE (body_id, message_id)
);
CREATE INDEX body_answers_recommendation ON body_answers (recommendation_id, at);

-- +goose Down
DROP TABLE body_answers;
DROP TABLE relay_attempts;
DROP TABLE relay_outbox;
DROP TABLE endpoint_secrets;
DROP TABLE body_endpoints;
DROP TABLE bodies;
DROP TABLE publications;
DROP TABLE publication_approvals;
DROP TABLE publication_translations;
DROP TABLE publication_summaries;
