-- +goose Up
-- Finding and following the programme (#18, points 5 and 6): the edition's
-- time zone and each session's language (for the calendars and the
-- programme's filters), full-text search over sessions, recommendations and
-- publications, the sessions people follow, and personal calendar tokens.
-- IF NOT EXISTS: the programme's editor (#18, point 1) may add the same
-- columns.
ALTER TABLE editions ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC';
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS language text NOT NULL DEFAULT 'en'
    CHECK (language ~ '^[a-z]{2,3}$');

-- The text search configuration of a language ('simple', which stems
-- nothing, for a language Postgres has none for). Immutable: the names are
-- resolved when the function is created, so indexes may use it.
-- +goose StatementBegin
CREATE FUNCTION search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lang
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
        WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
        WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
        WHEN 'pt' THEN 'pg_catalog.portuguese'::regconfig
        WHEN 'de' THEN 'pg_catalog.german'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
    END
$$;
-- +goose StatementEnd

-- A document is indexed twice: stemmed in its own language, and word for
-- word ('simple'), so that a query matches either way whatever the
-- reader's language (the query is made both ways too).
CREATE INDEX sessions_search ON sessions USING gin ((
    to_tsvector(search_config(language), title || ' ' || description)
    || to_tsvector('pg_catalog.simple'::regconfig, title || ' ' || description)));
CREATE INDEX recommendations_search ON recommendations USING gin (
    to_tsvector('pg_catalog.simple'::regconfig, title));
CREATE INDEX recommendation_versions_search ON recommendation_versions USING gin (
    to_tsvector('pg_catalog.simple'::regconfig, body));
CREATE INDEX publications_search ON publications USING gin (
    to_tsvector('pg_catalog.simple'::regconfig, summary));
CREATE INDEX publication_translations_search ON publication_translations USING gin ((
    to_tsvector(search_config(language), text) || to_tsvector('pg_catalog.simple'::regconfig, text)));

-- The sessions a participant follows: their personal schedule and feed.
CREATE TABLE session_follows (
    account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    session_id  bigint NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    followed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, session_id)
);
CREATE INDEX session_follows_session ON session_follows (session_id);

-- A personal calendar feed's secret: only its SHA-256 is kept; one per
-- account, replaced when a new one is made, deleted when revoked.
CREATE TABLE calendar_tokens (
    account_id bigint PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash bytea  NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE calendar_tokens;
DROP TABLE session_follows;
DROP INDEX publication_translations_search;
DROP INDEX publications_search;
DROP INDEX recommendation_versions_search;
DROP INDEX recommendations_search;
DROP INDEX sessions_search;
DROP FUNCTION search_config(text);
ALTER TABLE sessions DROP COLUMN language;
ALTER TABLE editions DROP COLUMN time_zone;
