-- +goose Up
-- What the recommendation pages need besides drafting: a summary shown
-- above the text, replies to paragraph comments, and participants'
-- support for amendments (one per person: the primary key).

ALTER TABLE recommendations
    ADD COLUMN summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000);

-- A reply is on the same recommendation, version and paragraph as the
-- comment it answers (the store copies them from it).
ALTER TABLE recommendation_comments
    ADD COLUMN reply_to bigint REFERENCES recommendation_comments(id) ON DELETE CASCADE;
CREATE INDEX recommendation_comments_replies ON recommendation_comments (reply_to) WHERE reply_to IS NOT NULL;

CREATE TABLE amendment_supports (
    amendment_id bigint NOT NULL REFERENCES amendments(id) ON DELETE CASCADE,
    account_id   bigint NOT NULL REFERENCES accounts(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (amendment_id, account_id)
);

-- +goose Down
DROP TABLE amendment_supports;
DROP INDEX recommendation_comments_replies;
ALTER TABLE recommendation_comments DROP COLUMN reply_to;
ALTER TABLE recommendations DROP COLUMN summary;
