-- +goose Up
-- Content in several languages (#20 point 2) for recommendations: a
-- recommendation is written in a source language (its session's, else
-- English), and each version of its text is translated as a whole (its
-- title, summary and body as that version carries them), so that a
-- translation never mixes versions. A version gets an id of its own: the
-- translations table names entities by one bigint.
ALTER TABLE recommendations ADD COLUMN source_lang text NOT NULL DEFAULT 'en'
    CHECK (source_lang IN ('ar','zh','en','fr','ru','es'));
UPDATE recommendations r SET source_lang = s.language FROM sessions s WHERE s.id = r.session_id;

ALTER TABLE recommendation_versions ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE;

ALTER TABLE translations DROP CONSTRAINT translations_kind_check;
ALTER TABLE translations ADD CONSTRAINT translations_kind_check
    CHECK (kind IN ('session','agenda_item','policy_issue','track','recommendation_version'));
ALTER TABLE translations DROP CONSTRAINT translations_field_check;
ALTER TABLE translations ADD CONSTRAINT translations_field_check
    CHECK (field IN ('title','description','summary','body'));
-- A version's body is up to 50000 characters, and so its translation.
ALTER TABLE translations DROP CONSTRAINT translations_text_check;
ALTER TABLE translations ADD CONSTRAINT translations_text_check
    CHECK (length(text) BETWEEN 1 AND 50000);

CREATE TRIGGER recommendation_versions_drop_translations AFTER DELETE ON recommendation_versions
    FOR EACH ROW EXECUTE FUNCTION drop_translations('recommendation_version');

-- +goose Down
DROP TRIGGER recommendation_versions_drop_translations ON recommendation_versions;
DELETE FROM translations WHERE kind = 'recommendation_version';
ALTER TABLE translations DROP CONSTRAINT translations_text_check;
ALTER TABLE translations ADD CONSTRAINT translations_text_check CHECK (length(text) BETWEEN 1 AND 20000);
ALTER TABLE translations DROP CONSTRAINT translations_field_check;
ALTER TABLE translations ADD CONSTRAINT translations_field_check
    CHECK (field IN ('title','description','summary'));
ALTER TABLE translations DROP CONSTRAINT translations_kind_check;
ALTER TABLE translations ADD CONSTRAINT translations_kind_check
    CHECK (kind IN ('session','agenda_item','policy_issue','track'));
ALTER TABLE recommendation_versions DROP COLUMN id;
ALTER TABLE recommendations DROP COLUMN source_lang;
