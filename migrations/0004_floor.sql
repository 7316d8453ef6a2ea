-- +goose Up
-- The speaking queue: one for onsite, online and remote-hub participants.
-- The partial unique indexes are the rules: one open request per person per
-- session, and one person holding the floor at a time.
CREATE TABLE floor_requests (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id       bigint  NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id       bigint  NOT NULL REFERENCES accounts(id),
    mode             text    NOT NULL CHECK (mode IN ('onsite','online','remote_hub')),
    point_of_order   boolean NOT NULL DEFAULT false,
    state            text    NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','granted','spoke','withdrawn','declined')),
    requested_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    granted_at       timestamptz,
    ended_at         timestamptz,
    speaking_seconds int CHECK (speaking_seconds >= 0)
);
CREATE UNIQUE INDEX floor_one_open_request ON floor_requests (session_id, account_id) WHERE state IN ('queued','granted');
CREATE UNIQUE INDEX floor_one_speaker ON floor_requests (session_id) WHERE state = 'granted';

-- +goose Down
DROP TABLE floor_requests;
