-- +goose Up
-- Standing while a poll is open, in one place: someone who may no longer
-- take part in a session leaves the electorate of its open polls, and the
-- electorate's size follows, in the change's own transaction. The size's
-- update passes over a poll closed meanwhile: a change that waited on a
-- poll's close finds it closed when it goes on (Postgres checks the WHERE
-- again on the row as committed), and the guard refuses any update of a
-- closed poll, which failed the moderator's ban.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION leave_open_electorates(session bigint, account bigint) RETURNS void AS $$
    WITH gone AS (
        DELETE FROM poll_electorate e USING polls p
        WHERE p.session_id = session AND p.state = 'open'
          AND e.poll_id = p.id AND e.account_id = account
        RETURNING e.poll_id)
    UPDATE polls p SET electorate_size = p.electorate_size - 1 FROM gone
    WHERE p.id = gone.poll_id AND p.state = 'open';
$$ LANGUAGE sql;
-- +goose StatementEnd

-- Removed or banned (0019's trigger, now through the function above).
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION restriction_leaves_electorate() RETURNS trigger AS $$
BEGIN
    IF NEW.kind IN ('removed', 'banned') THEN
        PERFORM leave_open_electorates(NEW.session_id, NEW.account_id);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- Named the session's observer, holding no other role in it: observers
-- follow a session without taking part, so they are no voters in its polls
-- (the opening leaves them out too).
-- +goose StatementBegin
CREATE FUNCTION observer_leaves_electorate() RETURNS trigger AS $$
BEGIN
    IF NEW.role = 'observer' AND NOT EXISTS (
        SELECT 1 FROM session_roles r
        WHERE r.session_id = NEW.session_id AND r.account_id = NEW.account_id AND r.role <> 'observer') THEN
        PERFORM leave_open_electorates(NEW.session_id, NEW.account_id);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER observer_leaves_electorate AFTER INSERT ON session_roles
    FOR EACH ROW EXECUTE FUNCTION observer_leaves_electorate();

-- +goose Down
DROP TRIGGER observer_leaves_electorate ON session_roles;
DROP FUNCTION observer_leaves_electorate();
-- restriction_leaves_electorate keeps calling leave_open_electorates,
-- which stays (right under 0019's schema too; Up replaces it).
