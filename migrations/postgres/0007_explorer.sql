-- The violation explorer (issue #5) pages its default view, newest event first, from this index.
CREATE INDEX violations_active_event ON violations (active, event_date, id);
