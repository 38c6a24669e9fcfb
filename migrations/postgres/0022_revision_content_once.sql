-- Each revision's JSON stored once (issue #21): the current revision's text is `records.content`, so its row
-- here keeps none (NULL); a revision's text is copied here only when a newer one supersedes it. At `--scale 10`
-- this was a second copy of 1.1 million records' JSON.
ALTER TABLE record_revisions ALTER COLUMN content DROP NOT NULL;
UPDATE record_revisions v SET content = NULL FROM records r WHERE r.id = v.record_pk AND r.revision = v.revision;
