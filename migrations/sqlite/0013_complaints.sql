-- Neutrality complaints filed by the public (issue #7). No column holds the filer's IP address or user agent:
-- abuse is limited in memory only (server/src/web/complaints.rs). The receipt code is stored only as its
-- SHA-256; the complainant's identity is optional (anonymous filing) and shown only to the case's handlers.
CREATE TABLE complaints (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    reference           TEXT NOT NULL UNIQUE,     -- NET-YYYY-XXXXXXXX, random, printed on the receipt
    receipt_hash        TEXT NOT NULL,            -- SHA-256 (hex) of the secret receipt code
    agency_code         TEXT NOT NULL REFERENCES agencies (code),
    election            TEXT NOT NULL,
    accused_name        TEXT,                     -- NULL when not known
    position_level      TEXT NOT NULL,
    happened_on         TEXT,                     -- NULL when not known
    summary             TEXT NOT NULL,
    evidence            TEXT NOT NULL,            -- JSON array of links
    complainant_name    TEXT,                     -- NULL when anonymous
    complainant_contact TEXT,
    status              TEXT NOT NULL DEFAULT 'received'
                        CHECK (status IN ('received', 'verifying', 'dismissed', 'proven')),
    received_on         TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX complaints_agency ON complaints (agency_code);
