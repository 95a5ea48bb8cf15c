-- A snapshot lets the updates it covers go only once a reader other than its author confirmed it (or it is older
-- than the server's retention time), so a forged snapshot cannot erase the updates that would expose it.
ALTER TABLE note_items ADD COLUMN IF NOT EXISTS confirmed BOOLEAN DEFAULT FALSE NOT NULL;
-- Snapshots stored before this rule already deleted what they cover: they stay the base joins start from.
UPDATE note_items SET confirmed = TRUE WHERE kind = 2;
