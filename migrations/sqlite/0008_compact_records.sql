-- The rules' compact form of each record (issue #4 performance): the typed body encoded with postcard, written
-- when the record is stored and read by evaluations instead of the JSON (see server/src/import/compact.rs).
-- Rows stored before this migration have none; the next evaluation decodes their JSON and fills it in.
ALTER TABLE records ADD COLUMN compact BLOB;
