-- +goose Up
-- An adoption and the acceptance of a link to its track (or a federation
-- link asked upstream) at the same moment each missed the other: the
-- adoption's trigger saw the link still pending, the link's decision did
-- not see the adoption yet, and the item never reached the intake (or the
-- push queue). Now both take the track's row, the adoption in key-share
-- mode (adoptions do not wait on each other) and a link's decision in
-- update mode (tracks/nris/pgstore.DecideLink, federation AddLink), so one
-- waits for the other's commit and then sees it: an intake item, or a
-- push, exists exactly when both have committed.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION intake_on_adoption() RETURNS trigger AS $$
BEGIN
    PERFORM 1 FROM tracks WHERE id = NEW.track_id FOR KEY SHARE;
    PERFORM intake_adopted(l.id, NEW.id) FROM track_links l
        WHERE l.nri_track_id = NEW.track_id AND l.state = 'accepted';
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION federation_on_adoption() RETURNS trigger AS $$
BEGIN
    PERFORM 1 FROM tracks WHERE id = NEW.track_id FOR KEY SHARE;
    INSERT INTO federation_outbox (link_id, recommendation_id, event_id)
    SELECT l.id, NEW.id, 'msg_fed_' || l.id || '_' || NEW.id FROM federation_links l WHERE l.track_id = NEW.track_id
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
-- The lock is harmless under the earlier schema: it stays.
SELECT 1;
