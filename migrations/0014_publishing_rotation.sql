-- +goose Up
-- A body's inbound secret rotates without losing an answer: the secret it
-- replaced stays valid until the next rotation, so a body can switch its
-- signer at its own pace (rotating twice retires a leaked secret at once).
ALTER TABLE bodies ADD COLUMN previous_inbound_secret text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE bodies DROP COLUMN previous_inbound_secret;
