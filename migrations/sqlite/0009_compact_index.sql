-- A covering index for the rules' read of the compact records: a full evaluation scans this (about 150 MB at a
-- million records) instead of the table with its JSON (about 1 GB), and one agency's evaluation seeks it.
CREATE INDEX IF NOT EXISTS records_compact ON records (agency_code, kind, compact);
