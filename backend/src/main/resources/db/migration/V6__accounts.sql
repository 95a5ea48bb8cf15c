-- Accounts (issue #9). The server keeps what it needs to check a person and hand back their sealed keys: the
-- passphrase and recovery key reach it only as authentication keys, kept here as salted HMACs (AuthKeyHash), and the
-- private keys only as bundles sealed in the browser under keys it never sees. One exception: a session's secret
-- (sessions.session_secret) opens the copy of a device's keys that its browser keeps sealed under the session, so
-- this table together with that browser's disk opens them; a session's row is therefore deleted as soon as the
-- session ends (logout, revocation, idle sweep, recovery, a newer login in the same browser).
CREATE TABLE accounts (
    account_id              BYTEA       NOT NULL PRIMARY KEY,
    -- In its one normal form (Username.parse): unique as typed is unique as seen.
    username                VARCHAR(32) NOT NULL UNIQUE,
    salt                    BYTEA       NOT NULL,
    auth_key_hash           BYTEA       NOT NULL,
    recovery_auth_key_hash  BYTEA       NOT NULL,
    identity_signing_key    BYTEA       NOT NULL,
    identity_agreement_key  BYTEA       NOT NULL,
    passphrase_bundle       BYTEA       NOT NULL,
    recovery_bundle         BYTEA       NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Each device key signs for one account, certified by its identity key; a revoked device stays, marked, so its key
-- is never registered again.
CREATE TABLE devices (
    device_signing_key  BYTEA NOT NULL PRIMARY KEY,
    account_id          BYTEA NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    certificate         BYTEA NOT NULL,
    added_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX devices_by_account ON devices (account_id);
-- A session is found by the SHA-256 of its cookie's token: a copy of this table gives no cookie that works.
CREATE TABLE sessions (
    token_hash          BYTEA NOT NULL PRIMARY KEY,
    account_id          BYTEA NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    device_signing_key  BYTEA NOT NULL REFERENCES devices (device_signing_key) ON DELETE CASCADE,
    session_secret      BYTEA NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sessions_by_device ON sessions (device_signing_key);
CREATE INDEX sessions_by_account ON sessions (account_id);
-- Secrets the server makes once and keeps across restarts, by name: 'stand-in-salt' keys the fake salts of
-- unknown usernames, which must not change when the server restarts (a change would tell which names are real).
CREATE TABLE server_secrets (
    name    VARCHAR(64) NOT NULL PRIMARY KEY,
    secret  BYTEA       NOT NULL
);
