-- +goose Up
-- Participants ask the secretariat to verify them as government or
-- intergovernmental delegates or members of parliament. Requests are never
-- deleted or rewritten once decided: each row is the audit record of one
-- decision (what was asked and why, who decided, when, and their reason).
CREATE TABLE verification_requests (
    id         bigserial   PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES accounts(id),
    verify_as  text        NOT NULL CHECK (verify_as IN ('government_delegate', 'intergovernmental_delegate', 'member_of_parliament')),
    note       text        NOT NULL DEFAULT '',
    asked_at   timestamptz NOT NULL DEFAULT now(),
    state      text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined')),
    decided_by bigint      REFERENCES accounts(id),
    decided_at timestamptz,
    reason     text        NOT NULL DEFAULT '',
    CHECK ((state = 'pending') = (decided_by IS NULL AND decided_at IS NULL))
);
-- One open request per person: asking again while one waits is a conflict.
CREATE UNIQUE INDEX verification_requests_one_pending ON verification_requests (account_id) WHERE state = 'pending';

-- +goose Down
DROP TABLE verification_requests;
