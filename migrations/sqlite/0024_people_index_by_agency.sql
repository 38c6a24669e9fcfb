-- The people's index (`GET /api/v1/people/{nip}`: every selection a NIP was a candidate in, every job fit they took
-- part in) leads with the agency (issue #21). Keyed by NIP alone, each candidate or participant of a batch landed
-- on a page of its own across the whole index (NIPs begin with a birth date), so a batch of one agency rewrote
-- thousands of index pages — most of the store's time at `--scale 10`. Keyed by agency, a batch's entries sit
-- together; a look-up by NIP seeks once per agency (about 700 seeks, ~1 ms).
ALTER TABLE selection_candidates ADD COLUMN agency_code TEXT NOT NULL DEFAULT '';
ALTER TABLE job_fit_participants ADD COLUMN agency_code TEXT NOT NULL DEFAULT '';
UPDATE selection_candidates
SET agency_code = (SELECT r.agency_code FROM records r WHERE r.id = selection_candidates.record_pk);
UPDATE job_fit_participants
SET agency_code = (SELECT r.agency_code FROM records r WHERE r.id = job_fit_participants.record_pk);
DROP INDEX IF EXISTS selection_candidates_nip;
DROP INDEX IF EXISTS job_fit_participants_nip;
CREATE INDEX selection_candidates_agency_nip ON selection_candidates (agency_code, nip);
CREATE INDEX job_fit_participants_agency_nip ON job_fit_participants (agency_code, nip);
