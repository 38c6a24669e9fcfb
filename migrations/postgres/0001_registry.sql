-- The agency registry. Loaded from data/agencies.csv on first start; administrators may add, rename or retire
-- agencies later (retired_on set), so rows are never deleted.
-- Booleans are INTEGER 0/1 and dates ISO-8601 TEXT on both engines (sqlx's Any driver decodes neither
-- SQLite BOOLEAN nor DATE/TIMESTAMP columns).
CREATE TABLE agencies (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('ministry', 'institution', 'province', 'regency', 'city')),
    province_code TEXT,
    autonomous    INTEGER NOT NULL DEFAULT 1 CHECK (autonomous IN (0, 1)),
    retired_on    TEXT
);
CREATE INDEX agencies_kind ON agencies (kind);
CREATE INDEX agencies_province ON agencies (province_code);
