-- The repeated parts of records as rows (issue #3): a selection's committee members and candidates, a job fit's
-- participants, so that drill-downs query them ("every selection this NIP was a candidate in") without reading
-- JSON. They mirror each record's current revision and are replaced whole when it is revised; `ordinal` is the
-- item's position in the record (0-based).
CREATE TABLE selection_committee_members (
    record_pk INTEGER NOT NULL REFERENCES records (id),
    ordinal   INTEGER NOT NULL,
    name      TEXT NOT NULL,
    origin    TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (record_pk, ordinal)
);

CREATE TABLE selection_candidates (
    record_pk     INTEGER NOT NULL REFERENCES records (id),
    ordinal       INTEGER NOT NULL,
    nip           TEXT NOT NULL,
    name          TEXT NOT NULL,
    proposed_rank INTEGER,
    PRIMARY KEY (record_pk, ordinal)
);
CREATE INDEX selection_candidates_nip ON selection_candidates (nip);

CREATE TABLE job_fit_participants (
    record_pk INTEGER NOT NULL REFERENCES records (id),
    ordinal   INTEGER NOT NULL,
    nip       TEXT NOT NULL,
    PRIMARY KEY (record_pk, ordinal)
);
CREATE INDEX job_fit_participants_nip ON job_fit_participants (nip);

-- Records stored before this migration.
INSERT INTO selection_committee_members (record_pk, ordinal, name, origin, role)
SELECT r.id, CAST(m.key AS INTEGER), json_extract(m.value, '$.name'), json_extract(m.value, '$.origin'),
       json_extract(m.value, '$.role')
FROM records r, json_each(r.content, '$.committee') m
WHERE r.kind = 'selection';

INSERT INTO selection_candidates (record_pk, ordinal, nip, name, proposed_rank)
SELECT r.id, CAST(c.key AS INTEGER), json_extract(c.value, '$.nip'), json_extract(c.value, '$.name'),
       json_extract(c.value, '$.proposed_rank')
FROM records r, json_each(r.content, '$.candidates') c
WHERE r.kind = 'selection';

INSERT INTO job_fit_participants (record_pk, ordinal, nip)
SELECT r.id, CAST(p.key AS INTEGER), p.value
FROM records r, json_each(r.content, '$.participants') p
WHERE r.kind = 'job_fit';
