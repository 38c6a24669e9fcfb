-- Parameters in force by date (issue #19, rules.md "Parameters in force by date"). `rule_parameters` keeps each
-- parameter's base value, in force from the beginning of time, now with its legal basis; `parameter_changes` holds
-- the dated values, each in force from `from_date` until the next. A rule judges an event with the values in force
-- on the event's date, and a violation records since when each of its values was in force (`params_since`, a JSON
-- object of key → date for the values that came from a dated change; `{}` when all were base values).
ALTER TABLE rule_parameters ADD COLUMN basis TEXT;

CREATE TABLE parameter_changes (
    key        TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    value      TEXT NOT NULL,
    basis      TEXT,
    set_at     TEXT NOT NULL,
    set_by     TEXT NOT NULL,
    PRIMARY KEY (key, from_date)
);

ALTER TABLE violations ADD COLUMN params_since TEXT NOT NULL DEFAULT '{}';
