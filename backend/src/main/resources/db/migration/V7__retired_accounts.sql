-- A deleted account's username and id stay taken for good (review of issue #9). Readers show an item's author by
-- the username its certificate names, with the proof that the name's account signed it: if a deleted name could be
-- signed up again, a stranger would be shown as the same person as the one who left, with full proof. Only the
-- two names are kept, no key and nothing else of the account.
CREATE TABLE retired_accounts (
    account_id  BYTEA       NOT NULL PRIMARY KEY,
    username    VARCHAR(32) NOT NULL UNIQUE,
    retired_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
-- The idle-session sweep finds what to delete by last use.
CREATE INDEX sessions_by_last_use ON sessions (last_used_at);
