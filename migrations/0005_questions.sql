-- +goose Up
-- Q&A. One upvote per participant per question is the votes table's key;
-- an anonymous question hides its author from the room, not from the
-- database (moderators still know who asked).
CREATE TABLE questions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint  NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    author_id   bigint  NOT NULL REFERENCES accounts(id),
    body        text    NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    anonymous   boolean NOT NULL DEFAULT false,
    pinned      boolean NOT NULL DEFAULT false,
    answered    boolean NOT NULL DEFAULT false,
    merged_into bigint  REFERENCES questions(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (merged_into IS DISTINCT FROM id)
);
CREATE INDEX questions_session ON questions (session_id, id);

CREATE TABLE question_votes (
    question_id bigint NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (question_id, account_id)
);

-- +goose Down
DROP TABLE question_votes;
DROP TABLE questions;
