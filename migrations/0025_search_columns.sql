-- +goose Up
-- Full-text search (#18) reads stored tsvector columns instead of 0023's
-- expression indexes: ranking the matches recomputed each matched
-- document's vector, 0.6 s a search over 400 sessions and 400
-- recommendations (docs/PERFORMANCE.md, "Finding"). Generated columns keep
-- the vectors with their rows; search_config is immutable, so a session's
-- or translation's language still picks its configuration.
DROP INDEX sessions_search;
DROP INDEX recommendations_search;
DROP INDEX recommendation_versions_search;
DROP INDEX publications_search;
DROP INDEX publication_translations_search;

ALTER TABLE sessions ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector(search_config(language), title || ' ' || description)
    || to_tsvector('pg_catalog.simple'::regconfig, title || ' ' || description)) STORED;
ALTER TABLE recommendations ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('pg_catalog.simple'::regconfig, title)) STORED;
ALTER TABLE recommendation_versions ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('pg_catalog.simple'::regconfig, body)) STORED;
ALTER TABLE publications ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('pg_catalog.simple'::regconfig, summary)) STORED;
ALTER TABLE publication_translations ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector(search_config(language), text) || to_tsvector('pg_catalog.simple'::regconfig, text)) STORED;

CREATE INDEX sessions_search ON sessions USING gin (search);
CREATE INDEX recommendations_search ON recommendations USING gin (search);
CREATE INDEX recommendation_versions_search ON recommendation_versions USING gin (search);
CREATE INDEX publications_search ON publications USING gin (search);
CREATE INDEX publication_translations_search ON publication_translations USING gin (search);

-- +goose Down
ALTER TABLE publication_translations DROP COLUMN search;
ALTER TABLE publications DROP COLUMN search;
ALTER TABLE recommendation_versions DROP COLUMN search;
ALTER TABLE recommendations DROP COLUMN search;
ALTER TABLE sessions DROP COLUMN search;
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
