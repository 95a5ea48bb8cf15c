-- Every encrypted revision of every note. The server can read the header columns, never the envelope's body.
CREATE TABLE note_revisions (
    note_id        BYTEA     NOT NULL,
    revision       BIGINT    NOT NULL,
    workspace_id   BYTEA     NOT NULL,
    key_epoch      INTEGER   NOT NULL,
    author_key_id  BYTEA     NOT NULL,
    envelope       BYTEA     NOT NULL,
    stored_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (note_id, revision)
);
