-- +goose Up
-- Federation between installations: an NRI running its own installation
-- links its tracks to the global installation's over a signed
-- server-to-server API (docs/FEDERATION.md).

-- On the global installation: the installations it federates with, each
-- for one initiative of its directory, with the secret their messages are
-- signed with (Standard Webhooks, HMAC).
CREATE TABLE federation_peers (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text   NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    nri_id     bigint NOT NULL REFERENCES nris(id),
    secret     text   NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A peer's track is mirrored as an NRI track of its initiative, so that
-- linking, deciding and the intake work as for a local one.
ALTER TABLE tracks ADD COLUMN peer_id bigint REFERENCES federation_peers(id);
ALTER TABLE tracks ADD COLUMN remote_track_id bigint;
CREATE UNIQUE INDEX tracks_remote ON tracks (peer_id, remote_track_id) WHERE peer_id IS NOT NULL;
-- A link asked by a peer installation names no local account.
ALTER TABLE track_links ALTER COLUMN asked_by DROP NOT NULL;

-- On an NRI's installation: the global installation it reports to (one),
-- its links there, and the outbox of adopted recommendations to push.
CREATE TABLE federation_upstream (
    id      int    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    url     text   NOT NULL CHECK (url ~ '^https?://'),
    peer_id bigint NOT NULL,
    secret  text   NOT NULL
);

CREATE TABLE federation_links (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    track_id         bigint NOT NULL REFERENCES tracks(id),
    global_track_id  bigint NOT NULL,
    remote_link_id   bigint NOT NULL,
    asked_by         bigint NOT NULL REFERENCES accounts(id),
    asked_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (track_id, global_track_id)
);

CREATE TABLE federation_outbox (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    link_id           bigint NOT NULL REFERENCES federation_links(id),
    recommendation_id bigint NOT NULL REFERENCES recommendations(id),
    -- The webhook-id of every attempt: the receiver deduplicates on it.
    event_id          text   NOT NULL UNIQUE,
    next_at           timestamptz NOT NULL DEFAULT now(),
    attempts          int    NOT NULL DEFAULT 0,
    last_error        text   NOT NULL DEFAULT '',
    delivered_at      timestamptz,
    UNIQUE (link_id, recommendation_id)
);
CREATE INDEX federation_outbox_due ON federation_outbox (next_at) WHERE delivered_at IS NULL;

-- An adoption in a federated track queues its push in the adoption's own
-- transaction: a push exists exactly when the adoption committed.
-- +goose StatementBegin
CREATE FUNCTION federation_on_adoption() RETURNS trigger AS $$
BEGIN
    INSERT INTO federation_outbox (link_id, recommendation_id, event_id)
    SELECT l.id, NEW.id, 'msg_fed_' || l.id || '_' || NEW.id FROM federation_links l WHERE l.track_id = NEW.track_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER federation_on_adoption AFTER UPDATE OF state ON recommendations
    FOR EACH ROW WHEN (NEW.state = 'adopted' AND OLD.state IS DISTINCT FROM 'adopted')
    EXECUTE FUNCTION federation_on_adoption();

-- +goose Down
DROP TRIGGER federation_on_adoption ON recommendations;
DROP FUNCTION federation_on_adoption();
DROP TABLE federation_outbox;
DROP TABLE federation_links;
DROP TABLE federation_upstream;
ALTER TABLE track_links ALTER COLUMN asked_by SET NOT NULL;
DROP INDEX tracks_remote;
ALTER TABLE tracks DROP COLUMN remote_track_id;
ALTER TABLE tracks DROP COLUMN peer_id;
DROP TABLE federation_peers;
