-- Each revision's JSON stored once (issue #21): the current revision's text is `records.content`, so its row
-- here keeps none (NULL); a revision's text is copied here only when a newer one supersedes it. At `--scale 10`
-- this was a second copy of 1.1 million records' JSON. Rebuilt WITHOUT ROWID: the rows live in their primary
-- key's tree instead of a table plus a separate index of the same key.
CREATE TABLE record_revisions_once (
    record_pk     INTEGER NOT NULL REFERENCES records (id),
    revision      INTEGER NOT NULL,
    content       TEXT,                    -- NULL for the current revision: its text is records.content
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    PRIMARY KEY (record_pk, revision)
) WITHOUT ROWID;
INSERT INTO record_revisions_once (record_pk, revision, content, submission_id)
    SELECT v.record_pk, v.revision, CASE WHEN r.revision = v.revision THEN NULL ELSE v.content END, v.submission_id
    FROM record_revisions v JOIN records r ON r.id = v.record_pk;
DROP TABLE record_revisions;
ALTER TABLE record_revisions_once RENAME TO record_revisions;
