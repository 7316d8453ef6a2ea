-- +goose Up
-- Where an edition meets, beside its host country, for the Secretariat's
-- programme page.
ALTER TABLE editions ADD COLUMN venue text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE editions DROP COLUMN venue;
