-- +goose Up
-- Policy recommendations and the polls that decide them.
--
-- Secrecy is a storage property here, not a display one. While a poll is
-- open its ballots live in `ballots`, which has no voter column: one ballot
-- per voter is enforced by a unique keyed hash of (poll, voter) whose key is
-- not in the database. When the poll closes, its ballots move in one
-- transaction to `ballot_log`, ordered by their random ids and hash-chained,
-- and the working rows (with their keyed hashes and their insertion order)
-- are deleted. What remains cannot say who voted how, or in which order.

-- Verified delegates vote in the ministerial, high-level and parliamentary
-- tracks. The verification workflow and its audit trail come with the
-- tracks issue; the attribute is needed by the electorate rules now.
ALTER TABLE accounts ADD COLUMN verified_as text NOT NULL DEFAULT ''
    CHECK (verified_as IN ('', 'government_delegate', 'intergovernmental_delegate', 'member_of_parliament'));

CREATE TABLE recommendations (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_issue_id bigint NOT NULL REFERENCES policy_issues(id),
    track_id        bigint NOT NULL REFERENCES tracks(id),
    session_id      bigint REFERENCES sessions(id),
    title           text   NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    state           text   NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'under_vote', 'adopted', 'not_adopted', 'withdrawn')),
    created_by      bigint NOT NULL REFERENCES accounts(id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    adopted_at      timestamptz
);
CREATE INDEX recommendations_track ON recommendations (track_id, id);

-- Every text change is a new version; earlier ones stay readable.
CREATE TABLE recommendation_versions (
    recommendation_id bigint NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    version           int    NOT NULL CHECK (version >= 1),
    body              text   NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
    note              text   NOT NULL DEFAULT '',
    created_by        bigint NOT NULL REFERENCES accounts(id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recommendation_id, version)
);

CREATE TABLE amendments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recommendation_id bigint NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    version           int    NOT NULL,
    paragraph         int    NOT NULL CHECK (paragraph >= 1),
    proposed_text     text   NOT NULL CHECK (length(proposed_text) BETWEEN 1 AND 10000),
    rationale         text   NOT NULL DEFAULT '',
    proposed_by       bigint NOT NULL REFERENCES accounts(id),
    state             text   NOT NULL DEFAULT 'proposed'
        CHECK (state IN ('proposed', 'under_vote', 'accepted', 'rejected', 'withdrawn')),
    created_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (recommendation_id, version) REFERENCES recommendation_versions (recommendation_id, version)
);

CREATE TABLE polls (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recommendation_id bigint NOT NULL REFERENCES recommendations(id),
    amendment_id      bigint REFERENCES amendments(id),
    session_id        bigint REFERENCES sessions(id),
    track_id          bigint NOT NULL REFERENCES tracks(id),
    question          text   NOT NULL CHECK (length(question) BETWEEN 1 AND 1000),
    kind              text   NOT NULL CHECK (kind IN ('yes_no_abstain', 'choose')),
    options           jsonb  NOT NULL DEFAULT '[]',
    choose_max        int    NOT NULL DEFAULT 1 CHECK (choose_max >= 1),
    secret            boolean NOT NULL DEFAULT false,
    rule              text   NOT NULL
        CHECK (rule IN ('majority', 'two_thirds', 'consensus', 'multistakeholder', 'plurality')),
    quorum_percent    int    CHECK (quorum_percent BETWEEN 1 AND 100),
    hide_results      boolean NOT NULL DEFAULT false,
    state             text   NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    opens_at          timestamptz,
    closes_at         timestamptz,
    opened_at         timestamptz,
    closed_at         timestamptz,
    electorate_size   int,
    created_by        bigint NOT NULL REFERENCES accounts(id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    chain_head        text,
    result            jsonb,
    CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at)
);
CREATE INDEX polls_session ON polls (session_id, id);
CREATE INDEX polls_recommendation ON polls (recommendation_id, id);
CREATE INDEX polls_schedule ON polls (state, opens_at, closes_at) WHERE state <> 'closed';

-- Settings are locked once a poll opens, states only move forward, and a
-- closed poll's result and chain head never change: enforced here so that
-- no code path, present or future, can get round it.
-- +goose StatementBegin
CREATE FUNCTION polls_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'draft' AND (
        NEW.question, NEW.kind, NEW.options, NEW.choose_max, NEW.secret, NEW.rule,
        NEW.quorum_percent, NEW.hide_results, NEW.recommendation_id, NEW.amendment_id,
        NEW.session_id, NEW.track_id, NEW.opens_at
    ) IS DISTINCT FROM (
        OLD.question, OLD.kind, OLD.options, OLD.choose_max, OLD.secret, OLD.rule,
        OLD.quorum_percent, OLD.hide_results, OLD.recommendation_id, OLD.amendment_id,
        OLD.session_id, OLD.track_id, OLD.opens_at
    ) THEN
        RAISE EXCEPTION 'poll % is open: its settings are locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.state = 'closed' AND NEW IS DISTINCT FROM OLD THEN
        RAISE EXCEPTION 'poll % is closed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.state = 'open' AND NEW.state = 'draft' THEN
        RAISE EXCEPTION 'poll % cannot go back to draft', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.state = 'open' AND NEW.closes_at IS DISTINCT FROM OLD.closes_at AND NEW.state = 'open' THEN
        RAISE EXCEPTION 'poll % is open: its closing time is locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER polls_guard BEFORE UPDATE ON polls FOR EACH ROW EXECUTE FUNCTION polls_guard();

-- Who may vote, fixed when the poll opens (the quorum's denominator).
CREATE TABLE poll_electorate (
    poll_id    bigint NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (poll_id, account_id)
);

-- Ballots of open polls. No voter column, no timestamp; voter_tag is
-- HMAC(server key, poll, voter): unique per poll, meaningless without the key,
-- and gone when the poll closes. voter_name is set for named polls only.
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

-- The public ballot log of closed polls, in ballot-id order, hash-chained
-- from a genesis hash over the poll's settings. region and voter_name are
-- published for named polls only.
CREATE TABLE ballot_log (
    poll_id           bigint NOT NULL REFERENCES polls(id),
    position          int    NOT NULL CHECK (position >= 1),
    ballot_id         bytea  NOT NULL,
    choice            jsonb  NOT NULL,
    stakeholder_group text   NOT NULL,
    region            text,
    voter_name        text,
    hash              bytea  NOT NULL,
    PRIMARY KEY (poll_id, position),
    UNIQUE (poll_id, ballot_id)
);

-- +goose Down
DROP TABLE ballot_log;
DROP TABLE ballots;
DROP TABLE poll_electorate;
DROP TRIGGER polls_guard ON polls;
DROP FUNCTION polls_guard();
DROP TABLE polls;
DROP TABLE amendments;
DROP TABLE recommendation_versions;
DROP TABLE recommendations;
ALTER TABLE accounts DROP COLUMN verified_as;
