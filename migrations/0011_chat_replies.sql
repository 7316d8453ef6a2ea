-- +goose Up
-- A chat message may answer an earlier one of the same session. The
-- reference is kept when the answered message is removed (moderators still
-- see the thread); pages hide the removed message's text.
ALTER TABLE chat_messages ADD COLUMN reply_to bigint REFERENCES chat_messages(id) ON DELETE SET NULL;

-- +goose Down
ALTER TABLE chat_messages DROP COLUMN reply_to;
