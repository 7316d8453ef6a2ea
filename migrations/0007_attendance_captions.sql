-- +goose Up
-- Attendance: one interval per person per stretch of presence in a session,
-- opened when a node first reports them and closed when no node does (or
-- when the node reporting them went silent: at its last heartbeat).
CREATE TABLE attendance (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts(id),
    node        text   NOT NULL,
    joined_at   timestamptz NOT NULL DEFAULT now(),
    left_at     timestamptz
);
CREATE INDEX attendance_session ON attendance (session_id, account_id);
CREATE INDEX attendance_open ON attendance (node) WHERE left_at IS NULL;

-- Captions streamed by a captioner; the transcript is kept.
CREATE TABLE captions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    captioner_id bigint NOT NULL REFERENCES accounts(id),
    text        text   NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX captions_session ON captions (session_id, id);

-- +goose Down
DROP TABLE captions;
DROP TABLE attendance;
