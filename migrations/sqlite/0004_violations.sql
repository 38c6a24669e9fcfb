-- The rules' side (rules.md): their parameters, the violations they raise, each violation's history, and a log
-- of evaluation runs. Dates are ISO-8601 TEXT and booleans INTEGER 0/1 (see 0001).

-- Every parameter with its current value; seeded with the spec's defaults on start, changed only by an
-- administrator (each change is in audit_log).
CREATE TABLE rule_parameters (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- One row per (rule, agency, record kind, record id, subject) for ever. A violation that a later evaluation no
-- longer finds is cleared (active = 0), never deleted; its workflow status is kept either way.
CREATE TABLE violations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id       TEXT NOT NULL,
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    record_kind   TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    subject_nip   TEXT NOT NULL DEFAULT '',   -- '' when the rule concerns the record as a whole
    event_date    TEXT NOT NULL,
    severity      TEXT NOT NULL CHECK (severity IN ('medium', 'high')),
    legal_basis   TEXT NOT NULL,
    message       TEXT NOT NULL,
    message_en    TEXT NOT NULL,
    params        TEXT NOT NULL,              -- JSON object: the parameter values it was judged with
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_review', 'recommendation_issued', 'resolved', 'dismissed')),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    flagged_as_of TEXT NOT NULL,              -- as-of date of the evaluation that (last) raised it
    cleared_as_of TEXT,                       -- as-of date of the evaluation that cleared it
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (rule_id, agency_code, record_kind, record_id, subject_nip)
);
CREATE INDEX violations_agency ON violations (agency_code, active);
CREATE INDEX violations_rule ON violations (rule_id, active);
CREATE INDEX violations_status ON violations (status, active);

-- What happened to a violation: raised, changed, cleared or raised again by the rules (actor 'rules'), and
-- every workflow step by a person.
CREATE TABLE violation_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    violation_id  INTEGER NOT NULL REFERENCES violations (id),
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    event         TEXT NOT NULL,              -- flagged, changed, cleared, reflagged, transition
    from_status   TEXT,
    to_status     TEXT,
    reason        TEXT,
    letter_number TEXT,
    letter_date   TEXT,
    as_of         TEXT
);
CREATE INDEX violation_events_violation ON violation_events (violation_id);

CREATE TABLE evaluations (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    as_of     TEXT NOT NULL,
    scope     TEXT NOT NULL,                  -- 'all' or the agency code
    flagged   INTEGER NOT NULL,
    raised    INTEGER NOT NULL,
    cleared   INTEGER NOT NULL
);
