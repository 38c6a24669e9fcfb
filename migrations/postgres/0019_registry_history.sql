-- The registry, administered (issue #19, interfaces.md "Registry"). An agency added later exists from
-- `founded_on` (NULL: from the beginning); a retired one (`retired_on`, its last day) keeps its records and
-- violations, may name its successor, and leaves the denominators of the years after it. Renames are kept in
-- `agency_names`: each name in force from `from_date` ('' for the name it had from the start), so that a name is
-- shown as it was on the date being viewed; `agencies.name` stays the current one.
ALTER TABLE agencies ADD COLUMN founded_on TEXT;
ALTER TABLE agencies ADD COLUMN succeeded_by TEXT;

CREATE TABLE agency_names (
    code       TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (code, from_date)
);
