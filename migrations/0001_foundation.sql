-- +goose Up
-- The first cut of the Forum's domain: the programme (editions, policy issues,
-- tracks, sessions, agenda), people (accounts, profiles, roles, refresh
-- tokens), and the durable per-room event log the hub replays from.

CREATE TABLE editions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year        int  NOT NULL UNIQUE,
    title       text NOT NULL,
    theme       text NOT NULL DEFAULT '',
    host_country text NOT NULL DEFAULT '',
    starts_on   date NOT NULL,
    ends_on     date NOT NULL,
    format      text NOT NULL DEFAULT 'hybrid' CHECK (format IN ('hybrid','online','onsite')),
    max_policy_issues int NOT NULL DEFAULT 5 CHECK (max_policy_issues BETWEEN 1 AND 20),
    CHECK (ends_on >= starts_on)
);

CREATE TABLE policy_issues (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id  bigint NOT NULL REFERENCES editions(id),
    position    int    NOT NULL,
    slug        text   NOT NULL,
    title       text   NOT NULL,
    summary     text   NOT NULL DEFAULT '',
    UNIQUE (edition_id, slug),
    UNIQUE (edition_id, position)
);

-- The cap on strategic policy issues is enforced in the database too, so that
-- two concurrent inserts cannot both squeeze under it.
-- +goose StatementBegin
CREATE FUNCTION enforce_policy_issue_cap() RETURNS trigger AS $$
DECLARE
    cap int;
    n   int;
BEGIN
    SELECT max_policy_issues INTO cap FROM editions WHERE id = NEW.edition_id FOR UPDATE;
    SELECT count(*) INTO n FROM policy_issues WHERE edition_id = NEW.edition_id;
    IF n >= cap THEN
        RAISE EXCEPTION 'edition % already has % strategic policy issues', NEW.edition_id, cap
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER policy_issue_cap BEFORE INSERT ON policy_issues
    FOR EACH ROW EXECUTE FUNCTION enforce_policy_issue_cap();

CREATE TABLE tracks (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id      bigint NOT NULL REFERENCES editions(id),
    policy_issue_id bigint REFERENCES policy_issues(id),
    kind            text   NOT NULL CHECK (kind IN ('thematic','high_level','ministerial','parliamentary','youth','nri','intersessional')),
    slug            text   NOT NULL,
    title           text   NOT NULL,
    description     text   NOT NULL DEFAULT '',
    UNIQUE (edition_id, slug)
);

CREATE TABLE accounts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text   NOT NULL,
    password_hash   text   NOT NULL,
    display_name    text   NOT NULL,
    stakeholder_group text NOT NULL CHECK (stakeholder_group IN ('government','intergovernmental','private_sector','civil_society','technical_community','academia')),
    region          text   NOT NULL CHECK (region IN ('african','asia_pacific','eastern_european','latin_american_caribbean','western_european_others','intergovernmental')),
    country         text   NOT NULL DEFAULT '' CHECK (country = '' OR country ~ '^[A-Z]{2}$'),
    -- Optional, self-described, never required; used only for anonymised balance statistics.
    gender          text   NOT NULL DEFAULT '',
    age_band        text   NOT NULL DEFAULT '',
    first_time      boolean,
    show_name_in_presence boolean NOT NULL DEFAULT true,
    locale          text   NOT NULL DEFAULT 'en',
    -- Bumped on sign-out everywhere, ban or role change: access tokens carry it,
    -- so a stale token stops working at once.
    token_version   int    NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

CREATE TABLE account_roles (
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role       text   NOT NULL CHECK (role IN ('participant','moderator','secretariat','hlb_member','nri_coordinator')),
    PRIMARY KEY (account_id, role)
);

CREATE TABLE refresh_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- A token family: every rotation stays in the family, so that the reuse of
    -- an already-rotated token revokes the whole family (theft detection).
    family      uuid   NOT NULL,
    token_hash  bytea  NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

CREATE TABLE sessions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    track_id        bigint NOT NULL REFERENCES tracks(id),
    policy_issue_id bigint NOT NULL REFERENCES policy_issues(id),
    slug            text   NOT NULL UNIQUE,
    title           text   NOT NULL,
    description     text   NOT NULL DEFAULT '',
    format          text   NOT NULL CHECK (format IN ('main_session','workshop','open_forum','town_hall','lightning_talk','nri_collaborative','high_level_leaders','ministerial_roundtable','parliamentary_roundtable','youth_session')),
    state           text   NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled','live','ended','reported')),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    room            text   NOT NULL DEFAULT '',
    CHECK (ends_at > starts_at)
);
CREATE INDEX sessions_track ON sessions (track_id, starts_at);

CREATE TABLE agenda_items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position    int    NOT NULL,
    title       text   NOT NULL,
    minutes     int    NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    UNIQUE (session_id, position)
);

CREATE TABLE session_roles (
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role       text   NOT NULL CHECK (role IN ('moderator','co_moderator','speaker','rapporteur','captioner')),
    PRIMARY KEY (session_id, account_id, role)
);

CREATE TABLE chat_messages (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    author_id   bigint NOT NULL REFERENCES accounts(id),
    body        text   NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_session ON chat_messages (session_id, id);

-- Rooms and their event log. Every event has (room, epoch, offset); offsets
-- are contiguous per room and assigned in the transaction that persists the
-- event, by locking the room's row. The hub replays from here.
CREATE TABLE rooms (
    name        text   PRIMARY KEY,
    epoch       bigint NOT NULL,
    last_offset bigint NOT NULL DEFAULT 0
);

CREATE TABLE room_events (
    room        text   NOT NULL REFERENCES rooms(name) ON DELETE CASCADE,
    epoch       bigint NOT NULL,
    "offset"    bigint NOT NULL,
    type        text   NOT NULL,
    data        jsonb  NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room, "offset")
);
CREATE INDEX room_events_created ON room_events (created_at);

-- +goose Down
DROP TABLE room_events;
DROP TABLE rooms;
DROP TABLE chat_messages;
DROP TABLE session_roles;
DROP TABLE agenda_items;
DROP TABLE sessions;
DROP TABLE refresh_tokens;
DROP TABLE account_roles;
DROP TABLE accounts;
DROP TABLE tracks;
DROP TRIGGER policy_issue_cap ON policy_issues;
DROP FUNCTION enforce_policy_issue_cap();
DROP TABLE policy_issues;
DROP TABLE editions;
