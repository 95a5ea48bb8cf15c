-- Joining looks up the snapshot that covers most; without this it reads every snapshot of the note and sorts.
CREATE INDEX IF NOT EXISTS note_items_by_coverage ON note_items (note_id, kind, covers DESC, revision DESC);
