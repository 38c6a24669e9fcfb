-- The rules' records of one agency in one row (issue #4 performance): the agency's compact records joined, so a
-- full evaluation reads 635 rows instead of a million. A bundle is valid only while its version equals the
-- agency's records_version, which every stored batch that changes the agency's records increments; a stale
-- bundle is ignored and rebuilt by the next evaluation that reads the agency (server/src/db/records.rs).
ALTER TABLE agencies ADD COLUMN records_version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE rule_bundles (
    agency_code TEXT PRIMARY KEY REFERENCES agencies (code),
    version     BIGINT NOT NULL,
    bundle      BYTEA NOT NULL
);
