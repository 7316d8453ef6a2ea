-- +goose Up
-- The call for session proposals and the MAG's review (#18, points 2 and 3):
-- one call per edition, open between two dates, with the rubric the MAG
-- scores against; proposals with their organisers, co-organising NRIs and
-- speakers; the Secretariat's assignments of proposals to reviewers, each
-- reviewer's scores or declared conflict of interest; and the decision,
-- whose accepted proposals become sessions not yet scheduled.

ALTER TABLE account_roles DROP CONSTRAINT account_roles_role_check;
ALTER TABLE account_roles ADD CONSTRAINT account_roles_role_check
    CHECK (role IN ('participant','moderator','secretariat','hlb_member','nri_coordinator','mag_member'));

-- An accepted proposal's session waits in 'unscheduled' until the scheduler
-- places it: it cannot go live (lifecycle moves only from 'scheduled'), and
-- the public programme, calendars and search leave it out. Its times hold
-- the edition's first day until then.
ALTER TABLE sessions DROP CONSTRAINT sessions_state_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_state_check
    CHECK (state IN ('unscheduled','scheduled','live','ended','reported'));

CREATE TABLE proposal_calls (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    edition_id  bigint NOT NULL UNIQUE REFERENCES editions(id),
    opens_at    timestamptz NOT NULL,
    closes_at   timestamptz NOT NULL,
    intro       text NOT NULL DEFAULT '' CHECK (length(intro) <= 5000),
    CHECK (closes_at > opens_at)
);

-- The rubric: what reviewers score, each criterion weighted.
CREATE TABLE proposal_criteria (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id   bigint NOT NULL REFERENCES proposal_calls(id) ON DELETE CASCADE,
    position  int    NOT NULL,
    name      text   NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    weight    int    NOT NULL CHECK (weight BETWEEN 1 AND 10),
    UNIQUE (call_id, position)
);

CREATE TABLE proposals (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id         bigint NOT NULL REFERENCES proposal_calls(id),
    proposer_id     bigint NOT NULL REFERENCES accounts(id),
    policy_issue_id bigint NOT NULL REFERENCES policy_issues(id),
    track_id        bigint NOT NULL REFERENCES tracks(id),
    format          text   NOT NULL,
    title           text   NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description     text   NOT NULL CHECK (length(description) <= 5000),
    -- The organising organisations, in order, as their proposers name them.
    organisers      text[] NOT NULL DEFAULT '{}',
    -- The NRIs of the directory co-organising it.
    nri_ids         bigint[] NOT NULL DEFAULT '{}',
    speakers        jsonb  NOT NULL DEFAULT '[]',
    state           text   NOT NULL DEFAULT 'submitted'
        CHECK (state IN ('submitted','accepted','rejected','merge_suggested')),
    merge_with      bigint REFERENCES proposals(id),
    decision_note   text   NOT NULL DEFAULT '',
    decided_by      bigint REFERENCES accounts(id),
    decided_at      timestamptz,
    session_id      bigint REFERENCES sessions(id),
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'merge_suggested') = (merge_with IS NOT NULL)),
    CHECK ((state = 'accepted') = (session_id IS NOT NULL))
);
CREATE INDEX proposals_call ON proposals (call_id, id);
CREATE INDEX proposals_proposer ON proposals (proposer_id);

-- Which MAG member reviews which proposal.
CREATE TABLE proposal_assignments (
    proposal_id bigint NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    reviewer_id bigint NOT NULL REFERENCES accounts(id),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, reviewer_id)
);
CREATE INDEX proposal_assignments_reviewer ON proposal_assignments (reviewer_id);

-- A review: scores by criterion (a conflict of interest has none), once
-- per assignment.
CREATE TABLE proposal_reviews (
    proposal_id bigint NOT NULL,
    reviewer_id bigint NOT NULL,
    conflict    boolean NOT NULL DEFAULT false,
    scores      jsonb   NOT NULL DEFAULT '{}',
    comment     text    NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
    reviewed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, reviewer_id),
    FOREIGN KEY (proposal_id, reviewer_id) REFERENCES proposal_assignments ON DELETE CASCADE,
    CHECK (NOT conflict OR scores = '{}')
);

-- +goose Down
DROP TABLE proposal_reviews;
DROP TABLE proposal_assignments;
DROP TABLE proposals;
DROP TABLE proposal_criteria;
DROP TABLE proposal_calls;
DELETE FROM sessions WHERE state = 'unscheduled';
ALTER TABLE sessions DROP CONSTRAINT sessions_state_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_state_check
    CHECK (state IN ('scheduled','live','ended','reported'));
DELETE FROM account_roles WHERE role = 'mag_member';
ALTER TABLE account_roles DROP CONSTRAINT account_roles_role_check;
ALTER TABLE account_roles ADD CONSTRAINT account_roles_role_check
    CHECK (role IN ('participant','moderator','secretariat','hlb_member','nri_coordinator'));
