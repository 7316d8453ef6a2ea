-- +goose Up
-- Single sign-on through OpenID Connect, and passkeys (#19, point 3).

-- An account's identity at an OpenID provider: the provider's id in this
-- installation's configuration and the subject (sub) the provider gives
-- the person, which stays when their e-mail changes. An account has no
-- password when it was made by signing in with a provider
-- (accounts.password_hash is then ''), until the person sets one by a
-- reset link.
CREATE TABLE account_identities (
    provider   text   NOT NULL,
    subject    text   NOT NULL,
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, subject)
);
CREATE INDEX account_identities_account ON account_identities (account_id);

-- Passkeys (WebAuthn credentials). credential is go-webauthn's Credential
-- as JSON (public key, sign count, flags, transports); only its public
-- half exists on the server.
CREATE TABLE passkeys (
    credential_id bytea  PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    credential    jsonb  NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- A sign-in under way between its two requests: an OpenID Connect
-- redirect (state, nonce, PKCE verifier), a provider's person who has yet
-- to give their stakeholder group and region, a WebAuthn ceremony's
-- challenge. Keyed by a SHA-256 hash of the secret in the browser's
-- cookie; taken (deleted) once; expired rows are swept when new ones come.
CREATE TABLE sign_in_flows (
    key_hash   bytea NOT NULL PRIMARY KEY,
    kind       text  NOT NULL CHECK (kind IN ('oidc','oidc_details','passkey_register','passkey_signin')),
    data       jsonb NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sign_in_flows_expiry ON sign_in_flows (expires_at);

-- +goose Down
DROP TABLE sign_in_flows;
DROP TABLE passkeys;
DROP TABLE account_identities;
