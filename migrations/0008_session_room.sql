-- +goose Up
-- The live room's admission, speaking rules, reactions and report.

-- Admission and speaking rules, set by the session's moderators.
-- speaking_warn_at_s is the elapsed time at which clients warn the speaker.
ALTER TABLE sessions
    ADD COLUMN requires_registration boolean NOT NULL DEFAULT false,
    ADD COLUMN waiting_room          boolean NOT NULL DEFAULT false,
    ADD COLUMN balanced_queue        boolean NOT NULL DEFAULT false,
    ADD COLUMN speaking_limit_s      int     NOT NULL DEFAULT 180 CHECK (speaking_limit_s BETWEEN 10 AND 3600),
    ADD COLUMN speaking_warn_at_s    int     NOT NULL DEFAULT 150 CHECK (speaking_warn_at_s >= 0),
    ADD CONSTRAINT sessions_warn_before_limit CHECK (speaking_warn_at_s < speaking_limit_s);

-- Observers follow a session read-only.
ALTER TABLE session_roles DROP CONSTRAINT session_roles_role_check;
ALTER TABLE session_roles ADD CONSTRAINT session_roles_role_check
    CHECK (role IN ('moderator','co_moderator','speaker','rapporteur','captioner','observer'));

-- Who registered for a session that requires registration.
CREATE TABLE session_registrations (
    session_id    bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id    bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, account_id)
);

-- The waiting room: newcomers wait until a moderator admits them. Removal
-- and bans are session_restrictions, which win over an admission.
CREATE TABLE session_admissions (
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    state      text   NOT NULL CHECK (state IN ('waiting','admitted')),
    asked_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    decided_at timestamptz,
    decided_by bigint REFERENCES accounts(id),
    PRIMARY KEY (session_id, account_id)
);
CREATE INDEX session_admissions_waiting ON session_admissions (session_id, asked_at) WHERE state = 'waiting';

-- Reactions, counted per second and kind: there is deliberately no column
-- for who reacted, so the record cannot reveal it.
CREATE TABLE reaction_counts (
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    kind       text   NOT NULL CHECK (kind IN ('applause','agree','disagree')),
    second     timestamptz NOT NULL,
    count      int    NOT NULL CHECK (count > 0),
    PRIMARY KEY (session_id, kind, second)
);

-- The session report: figures are computed from the record up to ended_at;
-- the rapporteur's text is kept here.
CREATE TABLE session_reports (
    session_id      bigint PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    ended_at        timestamptz NOT NULL,
    key_takeaways   text NOT NULL DEFAULT '' CHECK (length(key_takeaways) <= 10000),
    calls_to_action text NOT NULL DEFAULT '' CHECK (length(calls_to_action) <= 10000),
    updated_at      timestamptz,
    updated_by      bigint REFERENCES accounts(id)
);

-- +goose Down
DROP TABLE session_reports;
DROP TABLE reaction_counts;
DROP TABLE session_admissions;
DROP TABLE session_registrations;
ALTER TABLE session_roles DROP CONSTRAINT session_roles_role_check;
ALTER TABLE session_roles ADD CONSTRAINT session_roles_role_check
    CHECK (role IN ('moderator','co_moderator','speaker','rapporteur','captioner'));
ALTER TABLE sessions
    DROP CONSTRAINT sessions_warn_before_limit,
    DROP COLUMN requires_registration,
    DROP COLUMN waiting_room,
    DROP COLUMN balanced_queue,
    DROP COLUMN speaking_limit_s,
    DROP COLUMN speaking_warn_at_s;
