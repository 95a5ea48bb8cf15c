-- The bytes each note's stored items hold, kept in the same transaction as every append and deletion, so the size
-- limit is checked without summing a note's items on every append.
CREATE TABLE IF NOT EXISTS note_sizes (
    note_id       BYTEA  NOT NULL PRIMARY KEY,
    stored_bytes  BIGINT NOT NULL
);
INSERT INTO note_sizes (note_id, stored_bytes)
    SELECT note_id, SUM(OCTET_LENGTH(item)) FROM note_items GROUP BY note_id;
