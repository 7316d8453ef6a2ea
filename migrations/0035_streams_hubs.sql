-- +goose Up
-- The stream beside the room (#20 point 4): a session's meeting and stream
-- links, and the remote hubs that follow it together from one place and ask
-- for the floor as a hub.

-- A session's links, in the order its moderators listed them: the meeting
-- tool of its speakers, its public stream, and one stream per
-- interpretation language. Only https links are kept (what a room embeds
-- must not downgrade the page).
CREATE TABLE session_streams (
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position   int    NOT NULL,
    kind       text   NOT NULL CHECK (kind IN ('speakers','public','interpretation')),
    language   text   NOT NULL DEFAULT '' CHECK ((kind = 'interpretation') = (language <> '')),
    url        text   NOT NULL CHECK (url LIKE 'https://%' AND length(url) <= 2000),
    PRIMARY KEY (session_id, position)
);

-- A group following a session from one place, registered by the person who
-- speaks for it.
CREATE TABLE remote_hubs (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name       text   NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    city       text   NOT NULL CHECK (length(city) BETWEEN 1 AND 80),
    country    text   NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    expected   int    NOT NULL CHECK (expected BETWEEN 1 AND 100000),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, name)
);
CREATE INDEX remote_hubs_account ON remote_hubs (account_id);

-- A request for the floor made for a hub: the one queue, with the hub named.
ALTER TABLE floor_requests ADD COLUMN hub_id bigint REFERENCES remote_hubs(id) ON DELETE SET NULL;

-- +goose Down
ALTER TABLE floor_requests DROP COLUMN hub_id;
DROP TABLE remote_hubs;
DROP TABLE session_streams;
