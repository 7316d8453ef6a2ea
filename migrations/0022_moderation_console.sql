-- A moderator's console (issue 17): restrictions that can be lifted and a
-- log of what moderators did, agenda items that remember being started
-- (only unstarted ones are reordered), hidden questions with their reason,
-- and questions held for review. See sessions and docs/PROTOCOL.md.
-- +goose Up

-- Who did what to whom in a session, when and why (the reason is
-- optional). Written in the transaction of the change it records.
CREATE TABLE moderation_log (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id        bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    actor_id          bigint NOT NULL REFERENCES accounts(id),
    action            text   NOT NULL,
    target_account_id bigint REFERENCES accounts(id),
    -- The message, question or restriction acted on, as the action names it.
    target_id         bigint,
    detail            text   NOT NULL DEFAULT '',
    reason            text   NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_log_session ON moderation_log (session_id, id);

-- When an item was first under way: started items keep their place.
ALTER TABLE agenda_items ADD COLUMN started_at timestamptz;
UPDATE agenda_items a SET started_at = s.item_started_at
    FROM sessions s WHERE s.current_item_id = a.id;

-- A hidden question stays on record with why; a held one waits for a
-- moderator before the room sees it.
ALTER TABLE questions
    ADD COLUMN hidden_at     timestamptz,
    ADD COLUMN hidden_by     bigint REFERENCES accounts(id),
    ADD COLUMN hidden_reason text NOT NULL DEFAULT '' CHECK (length(hidden_reason) <= 500),
    ADD COLUMN held          boolean NOT NULL DEFAULT false;

ALTER TABLE sessions ADD COLUMN review_questions boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE sessions DROP COLUMN review_questions;
ALTER TABLE questions DROP COLUMN held, DROP COLUMN hidden_reason, DROP COLUMN hidden_by, DROP COLUMN hidden_at;
ALTER TABLE agenda_items DROP COLUMN started_at;
DROP TABLE moderation_log;
