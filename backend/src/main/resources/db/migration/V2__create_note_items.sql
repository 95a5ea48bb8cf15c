-- Note items (protocol "Note item, version 2"): updates and snapshots signed by their authors, numbered by the
-- server. The pre-release revisions of version 1 stay in note_revisions untouched; no client reads them any more.
CREATE TABLE IF NOT EXISTS note_items (
    note_id        BYTEA    NOT NULL,
    revision       BIGINT   NOT NULL,
    kind           SMALLINT NOT NULL,
    covers         BIGINT   NOT NULL,
    author_key_id  BYTEA    NOT NULL,
    sequence       BIGINT   NOT NULL,
    item           BYTEA    NOT NULL,
    stored_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (note_id, revision)
);
CREATE INDEX IF NOT EXISTS note_items_by_kind ON note_items (note_id, kind, revision);
-- Each author's last item per note, kept when a snapshot lets the updates it covers be deleted, so the chain
-- check (sequence + 1, previous hash) never forgets where an author stands.
CREATE TABLE IF NOT EXISTS note_author_chains (
    note_id        BYTEA  NOT NULL,
    author_key_id  BYTEA  NOT NULL,
    last_sequence  BIGINT NOT NULL,
    last_hash      BYTEA  NOT NULL,
    PRIMARY KEY (note_id, author_key_id)
);
