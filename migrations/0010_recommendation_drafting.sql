-- +goose Up
-- Drafting recommendations: who drafts them, comments on paragraphs, the
-- record of consensus and dissent, and how amendments were decided.

-- The drafters: the creator and the co-drafters listed. Only they change
-- the text.
CREATE TABLE recommendation_drafters (
    recommendation_id bigint NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    account_id        bigint NOT NULL REFERENCES accounts(id),
    added_by          bigint NOT NULL REFERENCES accounts(id),
    added_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (recommendation_id, account_id)
);
CREATE INDEX recommendation_drafters_account ON recommendation_drafters (account_id);

-- A comment is on one paragraph of one version: paragraph numbers are those
-- of that version's text, split on blank lines.
CREATE TABLE recommendation_comments (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recommendation_id bigint NOT NULL,
    version           int    NOT NULL,
    paragraph         int    NOT NULL CHECK (paragraph >= 1),
    author_id         bigint NOT NULL REFERENCES accounts(id),
    body              text   NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (recommendation_id, version)
        REFERENCES recommendation_versions (recommendation_id, version) ON DELETE CASCADE
);
CREATE INDEX recommendation_comments_by_paragraph ON recommendation_comments (recommendation_id, version, paragraph, id);

-- The record: the consensus statement, and each dissent with the
-- stakeholder group (and optionally who) that dissents and why. Replaced
-- as a whole; closed once the recommendation is decided.
CREATE TABLE recommendation_record (
    recommendation_id bigint PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
    consensus         text   NOT NULL DEFAULT '' CHECK (length(consensus) <= 10000),
    updated_by        bigint NOT NULL REFERENCES accounts(id),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recommendation_dissent (
    recommendation_id bigint NOT NULL REFERENCES recommendation_record(recommendation_id) ON DELETE CASCADE,
    position          int    NOT NULL CHECK (position >= 1),
    stakeholder_group text   NOT NULL CHECK (stakeholder_group IN
        ('government','intergovernmental','private_sector','civil_society','technical_community','academia')),
    who               text   NOT NULL DEFAULT '' CHECK (length(who) <= 200),
    reason            text   NOT NULL CHECK (length(reason) BETWEEN 1 AND 5000),
    PRIMARY KEY (recommendation_id, position)
);

-- Who decided an amendment and when (the drafters, or whoever closed its
-- poll), and the version an accepted one produced.
ALTER TABLE amendments
    ADD COLUMN decided_by     bigint REFERENCES accounts(id),
    ADD COLUMN decided_at     timestamptz,
    ADD COLUMN applied_version int,
    ADD CONSTRAINT amendments_applied_version FOREIGN KEY (recommendation_id, applied_version)
        REFERENCES recommendation_versions (recommendation_id, version),
    ADD CONSTRAINT amendments_applied_when_accepted CHECK (applied_version IS NULL OR state = 'accepted');
CREATE INDEX amendments_recommendation ON amendments (recommendation_id, id);

-- +goose Down
DROP INDEX amendments_recommendation;
ALTER TABLE amendments
    DROP CONSTRAINT amendments_applied_when_accepted,
    DROP CONSTRAINT amendments_applied_version,
    DROP COLUMN applied_version,
    DROP COLUMN decided_at,
    DROP COLUMN decided_by;
DROP TABLE recommendation_dissent;
DROP TABLE recommendation_record;
DROP TABLE recommendation_comments;
DROP TABLE recommendation_drafters;
