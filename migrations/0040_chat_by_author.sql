-- +goose NO TRANSACTION
-- +goose Up
-- A person's messages in a session, newest last: the slow-mode check that
-- every chat message makes (the author's last message in the session) and
-- a person's data export read them without scanning the session's, or
-- the platform's, whole chat. Built concurrently: a forum's chat keeps
-- flowing while an upgrade adds it.
CREATE INDEX CONCURRENTLY IF NOT EXISTS chat_messages_author ON chat_messages (author_id, session_id, created_at);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS chat_messages_author;
