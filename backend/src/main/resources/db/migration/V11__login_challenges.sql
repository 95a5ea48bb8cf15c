-- Login and recovery challenges (JdbcLoginChallenges), in the database every node shares, so that a login's start and
-- its finish may reach different nodes. A row is found by the SHA-256 of its challenge, as a session is by its
-- token's: a copy of this table gives no challenge to sign, and the index lookup's timing says nothing about a
-- challenge. A row is deleted when its challenge is answered (one DELETE, whose row count decides the one answer
-- that may use it), when newer ones of its account push it out, and once expired; the table holds at most
-- JdbcLoginChallenges.MAX_OUTSTANDING rows, give or take the starts under way at once.
CREATE TABLE login_challenges (
    challenge_hash  BYTEA    NOT NULL PRIMARY KEY,
    -- No foreign key: a row outlives its account's deletion by at most its validity, and its finish then fails.
    account_id      BYTEA    NOT NULL,
    -- 1 login, 2 recovery: a challenge finishes only what started it.
    kind            SMALLINT NOT NULL,
    -- The order issued, over every node: an account's oldest goes first when it has too many.
    issue_order     BIGINT   GENERATED ALWAYS AS IDENTITY,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_challenges_by_account ON login_challenges (account_id, issue_order);
CREATE INDEX login_challenges_by_expiry ON login_challenges (expires_at);
