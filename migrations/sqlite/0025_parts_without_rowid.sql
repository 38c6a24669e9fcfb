-- The records' parts rebuilt WITHOUT ROWID (issue #21): each row lives in its primary key's tree, not in a rowid
-- table plus a separate index of the same key, so storing a part is one tree insert fewer. At `--scale 10` the
-- three tables hold 2.6 million rows, as many as the records and their revisions together. (PostgreSQL has no
-- rowid; its tables are unchanged, and its 0025 migration does nothing.)
CREATE TABLE selection_committee_members_keyed (
    record_pk INTEGER NOT NULL REFERENCES records (id),
    ordinal   INTEGER NOT NULL,
    name      TEXT NOT NULL,
    origin    TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (record_pk, ordinal)
) WITHOUT ROWID;
INSERT INTO selection_committee_members_keyed (record_pk, ordinal, name, origin, role)
    SELECT record_pk, ordinal, name, origin, role FROM selection_committee_members;
DROP TABLE selection_committee_members;
ALTER TABLE selection_committee_members_keyed RENAME TO selection_committee_members;

CREATE TABLE selection_candidates_keyed (
    record_pk     INTEGER NOT NULL REFERENCES records (id),
    ordinal       INTEGER NOT NULL,
    nip           TEXT NOT NULL,
    name          TEXT NOT NULL,
    proposed_rank INTEGER,
    agency_code   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_pk, ordinal)
) WITHOUT ROWID;
INSERT INTO selection_candidates_keyed (record_pk, ordinal, nip, name, proposed_rank, agency_code)
    SELECT record_pk, ordinal, nip, name, proposed_rank, agency_code FROM selection_candidates;
DROP TABLE selection_candidates;
ALTER TABLE selection_candidates_keyed RENAME TO selection_candidates;
CREATE INDEX selection_candidates_agency_nip ON selection_candidates (agency_code, nip);

CREATE TABLE job_fit_participants_keyed (
    record_pk   INTEGER NOT NULL REFERENCES records (id),
    ordinal     INTEGER NOT NULL,
    nip         TEXT NOT NULL,
    agency_code TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_pk, ordinal)
) WITHOUT ROWID;
INSERT INTO job_fit_participants_keyed (record_pk, ordinal, nip, agency_code)
    SELECT record_pk, ordinal, nip, agency_code FROM job_fit_participants;
DROP TABLE job_fit_participants;
ALTER TABLE job_fit_participants_keyed RENAME TO job_fit_participants;
CREATE INDEX job_fit_participants_agency_nip ON job_fit_participants (agency_code, nip);
