-- +goose Up
-- Content in several languages (#20 point 2): the programme's texts are
-- written in their entity's source language (a session's is its
-- language, which its agenda items share; policy issues and tracks get
-- one here) and translated, one row per entity, field and language. A
-- translation says who made it: a person (origin 'human', author_id) or
-- a machine translation service (origin 'machine', engine naming it, and
-- author_id who asked for it, if anyone).
ALTER TABLE policy_issues ADD COLUMN source_lang text NOT NULL DEFAULT 'en'
    CHECK (source_lang IN ('ar','zh','en','fr','ru','es'));
ALTER TABLE tracks ADD COLUMN source_lang text NOT NULL DEFAULT 'en'
    CHECK (source_lang IN ('ar','zh','en','fr','ru','es'));

-- One table for every kind: the entity's id has no foreign key (it names
-- a row of the kind's table), so a trigger on each table removes the
-- translations of a row deleted.
CREATE TABLE translations (
    kind       text   NOT NULL CHECK (kind IN ('session','agenda_item','policy_issue','track')),
    entity_id  bigint NOT NULL,
    field      text   NOT NULL CHECK (field IN ('title','description','summary')),
    language   text   NOT NULL CHECK (language IN ('ar','zh','en','fr','ru','es')),
    text       text   NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
    origin     text   NOT NULL DEFAULT 'human' CHECK (origin IN ('human','machine')),
    author_id  bigint REFERENCES accounts(id),
    engine     text   NOT NULL DEFAULT '' CHECK (length(engine) <= 100),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, entity_id, field, language),
    CHECK ((origin = 'machine') = (engine <> ''))
);

-- +goose StatementBegin
CREATE FUNCTION drop_translations() RETURNS trigger AS $$
BEGIN
    DELETE FROM translations WHERE kind = TG_ARGV[0] AND entity_id = OLD.id;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER sessions_drop_translations AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION drop_translations('session');
CREATE TRIGGER agenda_items_drop_translations AFTER DELETE ON agenda_items
    FOR EACH ROW EXECUTE FUNCTION drop_translations('agenda_item');
CREATE TRIGGER policy_issues_drop_translations AFTER DELETE ON policy_issues
    FOR EACH ROW EXECUTE FUNCTION drop_translations('policy_issue');
CREATE TRIGGER tracks_drop_translations AFTER DELETE ON tracks
    FOR EACH ROW EXECUTE FUNCTION drop_translations('track');

-- +goose Down
DROP TRIGGER tracks_drop_translations ON tracks;
DROP TRIGGER policy_issues_drop_translations ON policy_issues;
DROP TRIGGER agenda_items_drop_translations ON agenda_items;
DROP TRIGGER sessions_drop_translations ON sessions;
DROP FUNCTION drop_translations();
DROP TABLE translations;
ALTER TABLE tracks DROP COLUMN source_lang;
ALTER TABLE policy_issues DROP COLUMN source_lang;
