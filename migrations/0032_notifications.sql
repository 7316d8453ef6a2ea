-- +goose Up
-- Notifications by e-mail that each person chooses (#19 point 4): a
-- reminder before a followed session starts, and activity on one's own
-- recommendations (comments, amendments), each or as a daily digest; every
-- notification carries a one-click unsubscribe (RFC 8058).

-- A mail's extra header fields (List-Unsubscribe...), written by the senders.
ALTER TABLE mail_outbox ADD COLUMN headers jsonb NOT NULL DEFAULT '{}';

-- A person's choices; no row: the defaults (reminders on, activity as a
-- daily digest).
CREATE TABLE notification_prefs (
    account_id  bigint  PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    reminders   boolean NOT NULL DEFAULT true,
    activity    text    NOT NULL DEFAULT 'digest' CHECK (activity IN ('each','digest','none')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The notices queued, one row each, inserted in the transaction that
-- queues the mail: its key is why a reminder (per session) or a digest
-- (per day) is never queued twice, however many nodes run the jobs.
CREATE TABLE notifications_sent (
    account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind        text   NOT NULL CHECK (kind IN ('reminder','digest')),
    subject     text   NOT NULL, -- the session's id; the digest's day
    sent_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, kind, subject)
);

-- Activity on a recommendation, one row per drafter to tell (not the one
-- who acted), collected from the comments and amendments; notified_at is
-- set in the transaction that queues its notice (or drops it: "none").
CREATE TABLE notification_activity (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id        bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    recommendation_id bigint NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    source            text   NOT NULL CHECK (source IN ('comment','amendment')),
    source_id         bigint NOT NULL,
    actor_id          bigint NOT NULL REFERENCES accounts(id),
    happened_at       timestamptz NOT NULL,
    notified_at       timestamptz,
    UNIQUE (account_id, source, source_id)
);
CREATE INDEX notification_activity_pending ON notification_activity (account_id, id) WHERE notified_at IS NULL;
CREATE INDEX recommendation_comments_created ON recommendation_comments (created_at);
CREATE INDEX amendments_created ON amendments (created_at);
CREATE INDEX sessions_starts ON sessions (starts_at);

-- +goose Down
DROP INDEX sessions_starts;
DROP INDEX amendments_created;
DROP INDEX recommendation_comments_created;
DROP TABLE notification_activity;
DROP TABLE notifications_sent;
DROP TABLE notification_prefs;
ALTER TABLE mail_outbox DROP COLUMN headers;
