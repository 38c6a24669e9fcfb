-- Recommendation follow-up (issue #17, rules.md): a commissioner's verdict on an agency's answer. The answer is a
-- `recommendation_response` record; a verdict names its id and the revision it judged, so an answer the agency
-- sends again (a new revision) awaits a new verdict. Accepting also resolves the violation (a workflow step in
-- violation_events); both are in the audit log.
CREATE TABLE recommendation_verdicts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    violation_id  INTEGER NOT NULL REFERENCES violations (id),
    agency_code   TEXT NOT NULL,
    response_id   TEXT NOT NULL,             -- the recommendation_response record's id
    revision      INTEGER NOT NULL,          -- the revision of that record judged
    accepted      INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    reason        TEXT,                      -- required to reject
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL
);
CREATE INDEX recommendation_verdicts_violation ON recommendation_verdicts (violation_id);
