-- +goose Up
-- Account self-service, the rest (#19, point 2): change of e-mail by a
-- link mailed to the new address, deletion of an account; and who may
-- vote (#19, point 6).

-- A change of e-mail is confirmed by a single-use link mailed to the new
-- address (account_links.email holds that address).
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('verify_email','reset_password','change_email'));

-- A deleted account stays as a pseudonymous row, so that what its holder
-- said in public (chat, questions, comments, amendments) keeps its place
-- in the record under "Deleted participant", and the foreign keys of that
-- record hold. Its address, password, details, roles and sessions are
-- gone; nobody can sign in to it.
ALTER TABLE accounts ADD COLUMN deleted_at timestamptz;

-- Who may vote in a poll, besides the track's rule and a verified
-- address: everyone ('all'), those registered for the poll's session
-- ('registered'), or those who attended it ('attending').
ALTER TABLE polls ADD COLUMN electorate_scope text NOT NULL DEFAULT 'all'
    CHECK (electorate_scope IN ('all','registered','attending'));

-- +goose Down
ALTER TABLE polls DROP COLUMN electorate_scope;
ALTER TABLE accounts DROP COLUMN deleted_at;
DELETE FROM account_links WHERE purpose = 'change_email';
ALTER TABLE account_links DROP CONSTRAINT account_links_purpose_check;
ALTER TABLE account_links ADD CONSTRAINT account_links_purpose_check
    CHECK (purpose IN ('verify_email','reset_password'));
