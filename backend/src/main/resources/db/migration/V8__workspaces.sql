-- Workspaces (issue #10). The membership log is the truth: each entry signed in a browser, checked by the server
-- with the shared MembershipLog before it is stored, and checked again by every reader. The other tables are what
-- the server derives from it to answer quickly (who is a member, with which role, at which epoch) or what it only
-- delivers (sealed key envelopes, epoch links, sealed titles, sealed welcomes, join requests, sealed contact books).
-- Nothing here is a workspace name, a title or note content in clear: names and titles are sealed under epoch keys
-- the server never sees.
CREATE TABLE workspaces (
    id             BYTEA   NOT NULL PRIMARY KEY,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    current_epoch  INT     NOT NULL,
    -- Entries in the log; the next entry's sequence. Appends compare and set it, so two racing appends of the same
    -- sequence cannot both land (on any node).
    log_length     BIGINT  NOT NULL,
    head_hash      BYTEA   NOT NULL
);
CREATE TABLE membership_entries (
    workspace_id  BYTEA   NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    sequence      BIGINT  NOT NULL,
    entry         BYTEA   NOT NULL,
    PRIMARY KEY (workspace_id, sequence)
);
-- Members and pending invitees as the log says now (role: 1 owner, 2 editor, 3 viewer). No reference to accounts:
-- the log, not the account table, says who is a member.
CREATE TABLE workspace_members (
    workspace_id  BYTEA    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id    BYTEA    NOT NULL,
    role          SMALLINT NOT NULL,
    pending       BOOLEAN  NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);
CREATE INDEX workspace_members_by_account ON workspace_members (account_id);
-- One epoch key sealed to one member (KeyEnvelope v1); the server only delivers it to its recipient.
CREATE TABLE key_envelopes (
    workspace_id          BYTEA  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    epoch                 INT    NOT NULL,
    recipient_account_id  BYTEA  NOT NULL,
    envelope              BYTEA  NOT NULL,
    PRIMARY KEY (workspace_id, epoch, recipient_account_id)
);
CREATE INDEX key_envelopes_by_recipient ON key_envelopes (workspace_id, recipient_account_id);
-- Epoch e's key seals epoch e-1's (EpochLink), kept apart from the log so that compaction can delete it.
CREATE TABLE epoch_links (
    workspace_id  BYTEA  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    epoch         INT    NOT NULL,
    link          BYTEA  NOT NULL,
    PRIMARY KEY (workspace_id, epoch)
);
-- A workspace's notes and their sealed titles (SealedTitle v1). The note's items live in note_items like any note's.
CREATE TABLE workspace_notes (
    note_id       BYTEA  NOT NULL PRIMARY KEY,
    workspace_id  BYTEA  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title         BYTEA  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workspace_notes_by_workspace ON workspace_notes (workspace_id);
-- An invite link's sealed welcome, found by the link's invitation id; the link's secret never reaches the server.
CREATE TABLE link_invitations (
    invitation_id  BYTEA  NOT NULL PRIMARY KEY,
    workspace_id   BYTEA  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    welcome        BYTEA  NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX link_invitations_by_workspace ON link_invitations (workspace_id);
-- The one pending JoinRequest of an invitation, until an owner confirms it (or the invitation closes).
CREATE TABLE join_requests (
    invitation_id  BYTEA  NOT NULL PRIMARY KEY REFERENCES link_invitations (invitation_id) ON DELETE CASCADE,
    request        BYTEA  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
-- A person's contact book (pins and "verified" marks), sealed for that person alone; replaced by compare and set.
CREATE TABLE contact_books (
    account_id  BYTEA   NOT NULL PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
    revision    BIGINT  NOT NULL,
    book        BYTEA   NOT NULL
);
