-- Roles end with the assignment they were given for, and co-organising a
-- session is by the other initiative's consent (docs/SECURITY.md).
-- +goose Up

-- The moderator role a coordinator takes on a session they add to their
-- initiative's track is theirs while they coordinate it: via_nri_id names
-- the initiative, and changing its coordinators deletes the roles of those
-- who left. A moderator named for the session has none and stays.
ALTER TABLE session_roles ADD COLUMN via_nri_id bigint REFERENCES nris(id) ON DELETE CASCADE;
UPDATE session_roles r SET via_nri_id = t.nri_id
FROM sessions s JOIN tracks t ON t.id = s.track_id JOIN nri_coordinators c ON c.nri_id = t.nri_id
WHERE r.session_id = s.id AND r.account_id = c.account_id AND r.role = 'moderator';
CREATE INDEX session_roles_via_nri ON session_roles (via_nri_id, account_id) WHERE via_nri_id IS NOT NULL;

-- A co-organiser named by someone who does not run that initiative is a
-- request until its coordinators accept it; only accepted ones are shown.
-- The rows there before were all shown, so they stay accepted.
ALTER TABLE session_coorganisers
    ADD COLUMN state      text        NOT NULL DEFAULT 'accepted' CHECK (state IN ('pending', 'accepted')),
    ADD COLUMN asked_by   bigint      REFERENCES accounts(id) ON DELETE SET NULL,
    ADD COLUMN asked_at   timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN decided_by bigint      REFERENCES accounts(id) ON DELETE SET NULL,
    ADD COLUMN decided_at timestamptz;
ALTER TABLE session_coorganisers ALTER COLUMN state SET DEFAULT 'pending';
CREATE INDEX session_coorganisers_pending ON session_coorganisers (nri_id) WHERE state = 'pending';

-- +goose Down
DROP INDEX session_coorganisers_pending;
DELETE FROM session_coorganisers WHERE state = 'pending';
ALTER TABLE session_coorganisers DROP COLUMN state, DROP COLUMN asked_by, DROP COLUMN asked_at,
    DROP COLUMN decided_by, DROP COLUMN decided_at;
DROP INDEX session_roles_via_nri;
ALTER TABLE session_roles DROP COLUMN via_nri_id;
