-- Version 1's note_revisions: no client has read or written it since note items (version 2); it holds no data
-- anyone has, so it goes before anyone puts some there.
DROP TABLE IF EXISTS note_revisions;
-- The hand-written migrator's record of versions, on databases made before Flyway: Database.open turned it into
-- Flyway's baseline, so it says nothing any more.
DROP TABLE IF EXISTS schema_version;
