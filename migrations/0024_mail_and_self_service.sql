-- +goose Up
-- Outgoing mail and account self-service (#19, points 1 and 2).

-- The durable outbox of outgoing mail. A mail is rendered when it is
-- queued (in the recipient's language) and kept whole, so that sending it
-- needs nothing but this row. Workers claim due rows with FOR UPDATE SKIP
-- LOCKED under a lease; a row is marked sent only after the SMTP server
-- accepted it. message_id is fixed at queueing, so a mail sent again after
-- a crash between acceptance and marking carries the same Message-ID, and
-- receivers (and the Secretariat's folder) see one mail.
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      text   NOT NULL UNIQUE,
    kind            text   NOT NULL,
    recipient       text   NOT NULL,
    subject         text   NOT NULL,
    text_body       text   NOT NULL,
    html_body       text   NOT NULL,
    state           text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sending','sent','failed')),
    attempts        int    NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    claimed_until   timestamptz,
    last_error      text   NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE state IN ('pending','sending');

-- When the account's holder proved the address theirs (a mailed link).
ALTER TABLE accounts ADD COLUMN email_verified_at timestamptz;

-- Single-use links mailed to an account (e-mail verification, password
-- reset). Only a SHA-256 hash of the link's secret is kept.
CREATE TABLE account_links (
    token_hash  bytea  PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    purpose     text   NOT NULL CHECK (purpose IN ('verify_email','reset_password')),
    email       text   NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX account_links_account ON account_links (account_id, purpose);

-- +goose Down
DROP TABLE account_links;
ALTER TABLE accounts DROP COLUMN email_verified_at;
DROP TABLE mail_outbox;
