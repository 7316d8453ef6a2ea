-- Ballot secrecy and content approvals (docs/BALLOT-SECRECY.md).
-- +goose Up

-- Ballots of polls open across this upgrade were written with their group
-- and region in the clear and tagged under the old key: they cannot be
-- carried over safely. Close open polls before upgrading.
-- +goose StatementBegin
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM polls WHERE state = 'open') THEN
        RAISE EXCEPTION 'close every open poll before upgrading: their ballots cannot be carried over to sealed ballots';
    END IF;
END;
$$;
-- +goose StatementEnd

-- A working ballot holds nothing finer than what is published, and
-- nothing readable without the poll's key: its random id (the receipt),
-- the voter's tag (HMAC under the poll's key) and what it says, sealed
-- under the poll's key (AES-256-GCM; a secret ballot's sealed content has
-- one length whatever it says). No group, region, name or time.
DROP TABLE ballots;
CREATE TABLE ballots (
    poll_id   bigint NOT NULL REFERENCES polls(id),
    ballot_id bytea  NOT NULL CHECK (length(ballot_id) = 16),
    voter_tag bytea  NOT NULL CHECK (length(voter_tag) = 32),
    sealed    bytea  NOT NULL,
    PRIMARY KEY (poll_id, ballot_id),
    CONSTRAINT one_ballot_per_voter UNIQUE (poll_id, voter_tag)
);

-- The poll's key is derived from the ballot key (never in the database)
-- and this salt, kept only while the poll is open; key_id names the
-- ballot key it was opened under, so that a node with another key refuses
-- its ballots. log_version is 2 for logs written under the disclosure
-- rule (small groups pooled); NULL for polls closed before it.
ALTER TABLE polls ADD COLUMN ballot_salt bytea, ADD COLUMN ballot_key_id bytea, ADD COLUMN log_version smallint;

-- Standing while a poll is open: someone removed or banned from a
-- session leaves the electorate of its open polls, and the electorate's
-- size follows, in the restriction's own transaction.
-- +goose StatementBegin
CREATE FUNCTION restriction_leaves_electorate() RETURNS trigger AS $$
BEGIN
    IF NEW.kind IN ('removed', 'banned') THEN
        WITH gone AS (
            DELETE FROM poll_electorate e USING polls p
            WHERE p.session_id = NEW.session_id AND p.state = 'open'
              AND e.poll_id = p.id AND e.account_id = NEW.account_id
            RETURNING e.poll_id)
        UPDATE polls p SET electorate_size = p.electorate_size - 1 FROM gone WHERE p.id = gone.poll_id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER restriction_leaves_electorate AFTER INSERT OR UPDATE OF kind ON session_restrictions
    FOR EACH ROW EXECUTE FUNCTION restriction_leaves_electorate();

-- An approval is of one exact content: the hash of the summary and the
-- translations (publishing.ContentHash). Approvals pending before this
-- change approved an unknown content: they are void. The publication
-- keeps the hash of what was approved.
DELETE FROM publication_approvals a
WHERE NOT EXISTS (SELECT 1 FROM publications p WHERE p.recommendation_id = a.recommendation_id);
ALTER TABLE publication_approvals ADD COLUMN content_hash bytea;
ALTER TABLE publications ADD COLUMN content_hash bytea;

-- +goose Down
ALTER TABLE publications DROP COLUMN content_hash;
ALTER TABLE publication_approvals DROP COLUMN content_hash;
DROP TRIGGER restriction_leaves_electorate ON session_restrictions;
DROP FUNCTION restriction_leaves_electorate();
ALTER TABLE polls DROP COLUMN ballot_salt, DROP COLUMN ballot_key_id, DROP COLUMN log_version;
DROP TABLE ballots;
CREATE TABLE ballots (
    poll_id           bigint NOT NULL REFERENCES polls(id),
    ballot_id         bytea  NOT NULL CHECK (length(ballot_id) = 16),
    voter_tag         bytea  NOT NULL CHECK (length(voter_tag) = 32),
    choice            jsonb  NOT NULL,
    stakeholder_group text   NOT NULL,
    region            text   NOT NULL,
    voter_name        text,
    PRIMARY KEY (poll_id, ballot_id),
    CONSTRAINT one_ballot_per_voter UNIQUE (poll_id, voter_tag)
);
