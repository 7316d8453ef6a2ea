-- +goose Up
-- National, regional, sub-regional and youth initiatives (NRIs), the tracks
-- they run, the links from their tracks to the global Forum's, and the
-- global tracks' intake of what linked tracks adopted.

CREATE TABLE nris (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text   NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    level       text   NOT NULL CHECK (level IN ('national', 'sub_regional', 'regional', 'youth')),
    countries   text[] NOT NULL DEFAULT '{}',
    parent_id   bigint REFERENCES nris(id),
    recognition text   NOT NULL DEFAULT 'pending' CHECK (recognition IN ('pending', 'recognised', 'withdrawn')),
    website     text   NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE nri_coordinators (
    nri_id     bigint NOT NULL REFERENCES nris(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (nri_id, account_id)
);
CREATE INDEX nri_coordinators_account ON nri_coordinators (account_id);

-- An NRI track belongs to its initiative; a global track may have a lead,
-- who decides on links to it besides the secretariat.
ALTER TABLE tracks ADD COLUMN nri_id bigint REFERENCES nris(id);
ALTER TABLE tracks ADD COLUMN lead_id bigint REFERENCES accounts(id);
ALTER TABLE tracks ADD CONSTRAINT tracks_nri_kind CHECK (nri_id IS NULL OR kind = 'nri');

-- Several NRIs may co-organise a (collaborative) session.
CREATE TABLE session_coorganisers (
    session_id bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    nri_id     bigint NOT NULL REFERENCES nris(id),
    PRIMARY KEY (session_id, nri_id)
);

-- A request to link an NRI track to a global track. Never rewritten once
-- decided; asking again after a decline is a new row.
CREATE TABLE track_links (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nri_track_id    bigint NOT NULL REFERENCES tracks(id),
    global_track_id bigint NOT NULL REFERENCES tracks(id),
    state           text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined')),
    note            text   NOT NULL DEFAULT '',
    asked_by        bigint NOT NULL REFERENCES accounts(id),
    asked_at        timestamptz NOT NULL DEFAULT now(),
    decided_by      bigint REFERENCES accounts(id),
    decided_at      timestamptz,
    reason          text   NOT NULL DEFAULT '',
    CHECK (nri_track_id <> global_track_id),
    CHECK ((state = 'pending') = (decided_by IS NULL AND decided_at IS NULL))
);
-- One live request or link per pair.
CREATE UNIQUE INDEX track_links_one_open ON track_links (nri_track_id, global_track_id) WHERE state <> 'declined';

-- The intake of a global track: each row is one adopted recommendation
-- from a linked track (local, or pushed by a federated installation), with
-- its origin copied as it was when it arrived, and what the global side
-- made of it (merged into one of its recommendations, or answered).
CREATE TABLE intake_items (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    global_track_id          bigint NOT NULL REFERENCES tracks(id),
    link_id                  bigint REFERENCES track_links(id),
    origin_installation      text   NOT NULL DEFAULT '',
    origin_nri               text   NOT NULL,
    origin_track             text   NOT NULL,
    origin_recommendation_id bigint NOT NULL,
    origin_title             text   NOT NULL,
    origin_body              text   NOT NULL,
    origin_result            jsonb,
    origin_adopted_at        timestamptz,
    webhook_id               text   UNIQUE,
    received_at              timestamptz NOT NULL DEFAULT now(),
    state                    text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'merged', 'answered')),
    merged_into              bigint REFERENCES recommendations(id),
    answer                   text   NOT NULL DEFAULT '',
    decided_by               bigint REFERENCES accounts(id),
    decided_at               timestamptz,
    CHECK ((state = 'merged') = (merged_into IS NOT NULL)),
    UNIQUE (global_track_id, origin_installation, origin_recommendation_id)
);
CREATE INDEX intake_items_track ON intake_items (global_track_id, id);

-- intake_adopted copies one adopted recommendation of a linked track into
-- its global track's intake, with its origin: the NRI, the track, the text
-- of its last version and the result of the poll that adopted it. It runs
-- in the transaction that adopts the recommendation or accepts the link,
-- so an intake row exists exactly when both have committed.
-- +goose StatementBegin
CREATE FUNCTION intake_adopted(link bigint, rec bigint) RETURNS void AS $$
    INSERT INTO intake_items (global_track_id, link_id, origin_nri, origin_track, origin_recommendation_id,
        origin_title, origin_body, origin_result, origin_adopted_at)
    SELECT l.global_track_id, l.id, coalesce(n.name, ''), t.title, r.id, r.title,
        coalesce((SELECT v.body FROM recommendation_versions v WHERE v.recommendation_id = r.id ORDER BY v.version DESC LIMIT 1), ''),
        (SELECT p.result FROM polls p WHERE p.recommendation_id = r.id AND p.amendment_id IS NULL AND p.state = 'closed'
            ORDER BY p.closed_at DESC LIMIT 1),
        r.adopted_at
    FROM track_links l
    JOIN tracks t ON t.id = l.nri_track_id
    LEFT JOIN nris n ON n.id = t.nri_id
    JOIN recommendations r ON r.id = rec AND r.track_id = l.nri_track_id AND r.state = 'adopted'
    WHERE l.id = link AND l.state = 'accepted'
    ON CONFLICT DO NOTHING
$$ LANGUAGE sql;

CREATE FUNCTION intake_on_adoption() RETURNS trigger AS $$
BEGIN
    PERFORM intake_adopted(l.id, NEW.id) FROM track_links l
        WHERE l.nri_track_id = NEW.track_id AND l.state = 'accepted';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER intake_on_adoption AFTER UPDATE OF state ON recommendations
    FOR EACH ROW WHEN (NEW.state = 'adopted' AND OLD.state IS DISTINCT FROM 'adopted')
    EXECUTE FUNCTION intake_on_adoption();

-- +goose Down
DROP TRIGGER intake_on_adoption ON recommendations;
DROP FUNCTION intake_on_adoption();
DROP FUNCTION intake_adopted(bigint, bigint);
DROP TABLE intake_items;
DROP TABLE track_links;
DROP TABLE session_coorganisers;
ALTER TABLE tracks DROP COLUMN lead_id;
ALTER TABLE tracks DROP COLUMN nri_id;
DROP TABLE nri_coordinators;
DROP TABLE nris;
