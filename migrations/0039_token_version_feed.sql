-- +goose Up
-- A change of an account's token version (a sign-out, a role granted or
-- taken, a deletion) is announced on the channel token_versions when its
-- transaction commits, as "<account id> <version>", so that every node
-- refuses the ended sessions at once instead of when its cache of
-- versions expires (tracks/accounts/pgstore/versionfeed.go).
-- +goose StatementBegin
CREATE FUNCTION announce_token_version() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('token_versions', NEW.id || ' ' || NEW.token_version);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER token_version_changed AFTER UPDATE OF token_version ON accounts
    FOR EACH ROW WHEN (OLD.token_version IS DISTINCT FROM NEW.token_version)
    EXECUTE FUNCTION announce_token_version();

-- +goose Down
DROP TRIGGER token_version_changed ON accounts;
DROP FUNCTION announce_token_version();
