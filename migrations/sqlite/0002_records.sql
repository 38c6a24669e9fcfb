-- Submitted report batches and their records with every revision (reports.md: idempotent, history readable).
-- A refused batch stores none of its records; the refusal itself is logged in submissions (accepted = 0) so that
-- an agency's data quality (refused batches) can be shown.
CREATE TABLE submissions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_code  TEXT REFERENCES agencies (code),
    source       TEXT NOT NULL,            -- 'cli', 'api', 'upload', 'demo'
    submitted_by TEXT,                     -- user name or credential, null for the CLI operator
    file_name    TEXT,
    received_at  TEXT NOT NULL,            -- ISO-8601 UTC
    accepted     INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    created      INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    error_count  INTEGER NOT NULL DEFAULT 0,
    errors       TEXT                      -- JSON array of the errors of a refused batch
);
CREATE INDEX submissions_agency ON submissions (agency_code, received_at);

CREATE TABLE records (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_code TEXT NOT NULL REFERENCES agencies (code),
    kind        TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    revision    INTEGER NOT NULL,          -- the current revision
    content     TEXT NOT NULL,             -- canonical JSON of the current revision
    updated_at  TEXT NOT NULL,
    UNIQUE (agency_code, kind, record_id)
);
CREATE INDEX records_kind ON records (kind, agency_code);

CREATE TABLE record_revisions (
    record_pk     INTEGER NOT NULL REFERENCES records (id),
    revision      INTEGER NOT NULL,
    content       TEXT NOT NULL,
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    PRIMARY KEY (record_pk, revision)
);
