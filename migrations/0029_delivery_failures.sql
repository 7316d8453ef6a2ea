-- +goose Up
-- Why each relay attempt failed, as a word of a closed set
-- (publishing.Failure) that the delivery log says in the reader's language
-- (#17), classified by the relay from the error's type when it records
-- the attempt. The raw error text stays in error, as the technical detail.
-- Attempts logged before have '' and are explained from their status.
ALTER TABLE relay_attempts ADD COLUMN failure text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE relay_attempts DROP COLUMN failure;
