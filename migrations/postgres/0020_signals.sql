-- Signals (issue #20, rules.md "Signals"): patterns across records, not violations. One row per (kind, agency,
-- key) for ever, like the violations: an evaluation that no longer finds one clears it (active = 0); an analyst's
-- "explained" mark (with its note, audited) survives re-evaluation. `records` is the evidence as a JSON array of
-- {kind, id}.
CREATE TABLE signals (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT NOT NULL,
    agency_code     TEXT NOT NULL,
    key             TEXT NOT NULL,
    first_date      TEXT NOT NULL,
    last_date       TEXT NOT NULL,
    count           BIGINT NOT NULL,
    records         TEXT NOT NULL,
    explanation     TEXT NOT NULL,
    explanation_en  TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    explained       INTEGER NOT NULL DEFAULT 0 CHECK (explained IN (0, 1)),
    explained_note  TEXT,
    explained_by    TEXT,
    explained_at    TEXT,
    as_of           TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (kind, agency_code, key)
);
CREATE INDEX signals_agency ON signals (agency_code, active);
