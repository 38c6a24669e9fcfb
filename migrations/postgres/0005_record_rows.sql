-- The repeated parts of records as rows (issue #3): a selection's committee members and candidates, a job fit's
-- participants, so that drill-downs query them ("every selection this NIP was a candidate in") without reading
-- JSON. They mirror each record's current revision and are replaced whole when it is revised; `ordinal` is the
-- item's position in the record (0-based).
CREATE TABLE selection_committee_members (
    record_pk BIGINT NOT NULL REFERENCES records (id),
    ordinal   INTEGER NOT NULL,
    name      TEXT NOT NULL,
    origin    TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (record_pk, ordinal)
);

CREATE TABLE selection_candidates (
    record_pk     BIGINT NOT NULL REFERENCES records (id),
    ordinal       INTEGER NOT NULL,
    nip           TEXT NOT NULL,
    name          TEXT NOT NULL,
    proposed_rank INTEGER,
    PRIMARY KEY (record_pk, ordinal)
);
CREATE INDEX selection_candidates_nip ON selection_candidates (nip);

CREATE TABLE job_fit_participants (
    record_pk BIGINT NOT NULL REFERENCES records (id),
    ordinal   INTEGER NOT NULL,
    nip       TEXT NOT NULL,
    PRIMARY KEY (record_pk, ordinal)
);
CREATE INDEX job_fit_participants_nip ON job_fit_participants (nip);

-- Records stored before this migration.
INSERT INTO selection_committee_members (record_pk, ordinal, name, origin, role)
SELECT r.id, m.ordinality - 1, m.value ->> 'name', m.value ->> 'origin', m.value ->> 'role'
FROM records r, jsonb_array_elements(r.content::jsonb -> 'committee') WITH ORDINALITY AS m(value, ordinality)
WHERE r.kind = 'selection';

INSERT INTO selection_candidates (record_pk, ordinal, nip, name, proposed_rank)
SELECT r.id, c.ordinality - 1, c.value ->> 'nip', c.value ->> 'name', (c.value ->> 'proposed_rank')::INTEGER
FROM records r, jsonb_array_elements(r.content::jsonb -> 'candidates') WITH ORDINALITY AS c(value, ordinality)
WHERE r.kind = 'selection';

INSERT INTO job_fit_participants (record_pk, ordinal, nip)
SELECT r.id, p.ordinality - 1, p.value
FROM records r, jsonb_array_elements_text(r.content::jsonb -> 'participants') WITH ORDINALITY AS p(value, ordinality)
WHERE r.kind = 'job_fit';
