-- +goose Up
-- Where a live session stands: the agenda item under way and when it began
-- (everyone's countdown is computed from these), and when the state last
-- changed.
ALTER TABLE sessions
    ADD COLUMN current_item_id  bigint REFERENCES agenda_items(id) ON DELETE SET NULL,
    ADD COLUMN item_started_at  timestamptz,
    ADD COLUMN state_changed_at timestamptz;

-- +goose Down
ALTER TABLE sessions
    DROP COLUMN current_item_id,
    DROP COLUMN item_started_at,
    DROP COLUMN state_changed_at;
