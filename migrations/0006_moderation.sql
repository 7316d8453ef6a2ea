-- +goose Up
-- Chat moderation and exclusion from a session.
ALTER TABLE chat_messages
    ADD COLUMN removed_at timestamptz,
    ADD COLUMN removed_by bigint REFERENCES accounts(id);

CREATE TABLE chat_reports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  bigint NOT NULL REFERENCES chat_messages(id) ON DELETE CASCADE,
    reporter_id bigint NOT NULL REFERENCES accounts(id),
    reason      text   NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (message_id, reporter_id)
);

-- muted: may follow but not write; removed and banned: may not come back.
CREATE TABLE session_restrictions (
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id),
    kind       text   NOT NULL CHECK (kind IN ('muted','removed','banned')),
    by_id      bigint NOT NULL REFERENCES accounts(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, account_id)
);

-- Slow mode: the least time between two messages of one person.
ALTER TABLE sessions ADD COLUMN chat_slow_seconds int NOT NULL DEFAULT 0 CHECK (chat_slow_seconds BETWEEN 0 AND 600);

-- An event that ends an account's presence in the room (removal, ban):
-- every node closes that account's connections there when it delivers it.
ALTER TABLE room_events ADD COLUMN close_account bigint;

-- +goose Down
ALTER TABLE room_events DROP COLUMN close_account;
ALTER TABLE sessions DROP COLUMN chat_slow_seconds;
DROP TABLE session_restrictions;
DROP TABLE chat_reports;
ALTER TABLE chat_messages DROP COLUMN removed_at, DROP COLUMN removed_by;
