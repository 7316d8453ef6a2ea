-- Polls beyond recommendations (issue 16): a question put to a session's
-- room with no recommendation, and elections of people among candidates,
-- ranked (instant-runoff) or not. See tracks/voting and docs/PROTOCOL.md.
-- +goose Up

-- A poll is on a recommendation, or held in a session (or both).
ALTER TABLE polls ALTER COLUMN recommendation_id DROP NOT NULL;
ALTER TABLE polls ADD CONSTRAINT polls_subject CHECK (recommendation_id IS NOT NULL OR session_id IS NOT NULL);
ALTER TABLE polls ADD CONSTRAINT polls_amendment_subject CHECK (amendment_id IS NULL OR recommendation_id IS NOT NULL);

ALTER TABLE polls DROP CONSTRAINT polls_kind_check;
ALTER TABLE polls ADD CONSTRAINT polls_kind_check CHECK (kind IN ('yes_no_abstain', 'choose', 'ranked'));
ALTER TABLE polls DROP CONSTRAINT polls_rule_check;
ALTER TABLE polls ADD CONSTRAINT polls_rule_check
    CHECK (rule IN ('majority', 'two_thirds', 'consensus', 'multistakeholder', 'plurality', 'instant_runoff'));

-- An election's candidates, in the options' order: [{"name", "account_id"}].
-- Empty for any other poll.
ALTER TABLE polls ADD COLUMN candidates jsonb NOT NULL DEFAULT '[]';

-- The settings lock of 0009, with the candidates among the settings.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION polls_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.state <> 'draft' AND (
        NEW.question, NEW.kind, NEW.options, NEW.choose_max, NEW.secret, NEW.rule,
        NEW.quorum_percent, NEW.hide_results, NEW.recommendation_id, NEW.amendment_id,
        NEW.session_id, NEW.track_id, NEW.opens_at, NEW.candidates
    ) IS DISTINCT FROM (
        OLD.question, OLD.kind, OLD.options, OLD.choose_max, OLD.secret, OLD.rule,
        OLD.quorum_percent, OLD.hide_results, OLD.recommendation_id, OLD.amendment_id,
        OLD.session_id, OLD.track_id, OLD.opens_at, OLD.candidates
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

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION polls_guard() RETURNS trigger AS $$
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
ALTER TABLE polls DROP COLUMN candidates;
ALTER TABLE polls DROP CONSTRAINT polls_rule_check;
ALTER TABLE polls ADD CONSTRAINT polls_rule_check
    CHECK (rule IN ('majority', 'two_thirds', 'consensus', 'multistakeholder', 'plurality'));
ALTER TABLE polls DROP CONSTRAINT polls_kind_check;
ALTER TABLE polls ADD CONSTRAINT polls_kind_check CHECK (kind IN ('yes_no_abstain', 'choose'));
ALTER TABLE polls DROP CONSTRAINT polls_amendment_subject;
ALTER TABLE polls DROP CONSTRAINT polls_subject;
ALTER TABLE polls ALTER COLUMN recommendation_id SET NOT NULL;
