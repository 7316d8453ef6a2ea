-- +goose Up
-- An event whose change also rewrote earlier events of its room (a removed
-- chat message's text taken out of the log) says so in the log too, not
-- only on the wire between nodes: a node that learns of it from here (it
-- missed it on Redis) forgets its memory of the room's events all the
-- same, and serves no resume the removed text (hub.Event.Rewrote). A
-- constant default: no table rewrite.
ALTER TABLE room_events ADD COLUMN rewrote boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE room_events DROP COLUMN rewrote;
