-- The peer comparison on the scorecard (issue #20): what each evaluation counts of an agency's records
-- (server/src/rules/figures.rs), one row per agency with records, so that the scorecard compares ~700 agencies by
-- reading ~700 rows rather than every rotation and acting assignment. Replaced by every evaluation of the agency.
CREATE TABLE agency_figures (
    agency_code  TEXT PRIMARY KEY REFERENCES agencies (code),
    rotations    BIGINT NOT NULL,
    event_years  BIGINT NOT NULL,
    acting_days  BIGINT NOT NULL,
    posts        BIGINT NOT NULL,
    as_of        TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
