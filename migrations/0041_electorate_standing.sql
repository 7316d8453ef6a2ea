-- +goose Up
-- A session's observers follow it without taking part, so they are no
-- voters in its polls: someone named an observer while a poll of the
-- session is open, and holding no other role in it, leaves that poll's
-- electorate, and the electorate's size follows, in the naming's own
-- transaction (as a removal or ban does: 0019's trigger).
-- +goose StatementBegin
CREATE FUNCTION observer_leaves_electorate() RETURNS trigger AS $$
BEGIN
    IF NEW.role = 'observer' AND NOT EXISTS (
        SELECT 1 FROM session_roles r
        WHERE r.session_id = NEW.session_id AND r.account_id = NEW.account_id AND r.role <> 'observer') THEN
        WITH gone AS (
            DELETE FROM poll_electorate e USING polls p
            WHERE p.session_id = NEW.session_id AND p.state = 'open'
              AND e.poll_id = p.id AND e.account_id = NEW.account_id
            RETURNING e.poll_id)
        UPDATE polls p SET electorate_size = p.electorate_size - 1 FROM gone
        WHERE p.id = gone.poll_id AND p.state = 'open';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER observer_leaves_electorate AFTER INSERT ON session_roles
    FOR EACH ROW EXECUTE FUNCTION observer_leaves_electorate();

-- A restriction that waited on a poll's close found the poll closed when
-- it went on, and the guard refused the size's update of a closed poll:
-- the moderator's ban failed. The update now passes over a poll closed
-- meanwhile (Postgres checks the WHERE again on the row as committed).
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION restriction_leaves_electorate() RETURNS trigger AS $$
BEGIN
    IF NEW.kind IN ('removed', 'banned') THEN
        WITH gone AS (
            DELETE FROM poll_electorate e USING polls p
            WHERE p.session_id = NEW.session_id AND p.state = 'open'
              AND e.poll_id = p.id AND e.account_id = NEW.account_id
            RETURNING e.poll_id)
        UPDATE polls p SET electorate_size = p.electorate_size - 1 FROM gone
        WHERE p.id = gone.poll_id AND p.state = 'open';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
-- (restriction_leaves_electorate keeps its fix: it is right under 0019 too.)
DROP TRIGGER observer_leaves_electorate ON session_roles;
DROP FUNCTION observer_leaves_electorate();
