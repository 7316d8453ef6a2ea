-- +goose Up
-- Accounts deleted before their passkeys and provider identities were
-- erased with them (care.go's erasures) kept both: a deleted account
-- keeps no way in, so they go now.
DELETE FROM passkeys WHERE account_id IN (SELECT id FROM accounts WHERE deleted_at IS NOT NULL);
DELETE FROM account_identities WHERE account_id IN (SELECT id FROM accounts WHERE deleted_at IS NOT NULL);

-- +goose Down
-- What was erased stays erased.
SELECT 1;
