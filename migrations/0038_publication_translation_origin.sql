-- +goose Up
-- A published summary's translations say who made them, as the other
-- content's do (migration 0033): a person, or a machine translation
-- service named by engine, so that readers see "machine translation".
ALTER TABLE publication_translations
    ADD COLUMN origin text NOT NULL DEFAULT 'human' CHECK (origin IN ('human','machine')),
    ADD COLUMN engine text NOT NULL DEFAULT '' CHECK (length(engine) <= 100),
    ADD CONSTRAINT publication_translations_origin_engine_check CHECK ((origin = 'machine') = (engine <> ''));

-- +goose Down
ALTER TABLE publication_translations DROP COLUMN origin, DROP COLUMN engine;
