-- +goose Up
-- An adoption and the acceptance of a link to its track (or a federation
-- link asked upstream) at the same moment each missed the other: the
-- adoption's triggers (intake_on_adoption, federation_on_adoption) saw the
-- link still pending, the link's decision did not see the adoption yet,
-- and the item never reached the intake (or the push queue). Now both take
-- the track's row: the adoption, before its triggers run, in key-share mode
-- (adoptions do not wait on each other), a link's decision in update mode
-- (tracks/nris/pgstore.DecideLink, federation AddLink). One waits for the
-- other's commit and then sees it: an intake item, or a push, exists
-- exactly when both have committed.
-- +goose StatementBegin
CREATE FUNCTION adoption_holds_track() RETURNS trigger AS $$
BEGIN
    PERFORM 1 FROM tracks WHERE id = NEW.track_id FOR KEY SHARE;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER adoption_holds_track BEFORE UPDATE OF state ON recommendations
    FOR EACH ROW WHEN (NEW.state = 'adopted' AND OLD.state IS DISTINCT FROM 'adopted')
    EXECUTE FUNCTION adoption_holds_track();

-- +goose Down
DROP TRIGGER adoption_holds_track ON recommendations;
DROP FUNCTION adoption_holds_track();
