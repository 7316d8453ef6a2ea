-- +goose Up
-- Captions per language (#20 point 3): a session has caption channels, one
-- per language (English and the interpretation's languages), each with
-- its captioners, and every caption line belongs to one channel. Each
-- channel is kept as its own transcript.
CREATE TABLE caption_channels (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    language    text   NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, language)
);

-- Who sends to a channel; a channel with nobody here takes lines from any
-- of the session's captioners.
CREATE TABLE caption_channel_captioners (
    channel_id  bigint NOT NULL REFERENCES caption_channels(id) ON DELETE CASCADE,
    account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (channel_id, account_id)
);

-- The captions written before channels existed go to a default channel in
-- the session's language, so that their transcript stays whole.
INSERT INTO caption_channels (session_id, language)
SELECT DISTINCT c.session_id, s.language FROM captions c JOIN sessions s ON s.id = c.session_id;

ALTER TABLE captions ADD COLUMN channel_id bigint REFERENCES caption_channels(id) ON DELETE CASCADE;
UPDATE captions c SET channel_id = ch.id FROM caption_channels ch WHERE ch.session_id = c.session_id;
ALTER TABLE captions ALTER COLUMN channel_id SET NOT NULL;
CREATE INDEX captions_channel ON captions (channel_id, id);

-- +goose Down
DROP INDEX captions_channel;
ALTER TABLE captions DROP COLUMN channel_id;
DROP TABLE caption_channel_captioners;
DROP TABLE caption_channels;
