-- The import's foreign keys checked statement-wide instead of row by row (issue #21). PostgreSQL checks a foreign
-- key with a trigger per inserted row that looks the parent up and locks it (`FOR KEY SHARE`, a WAL record of its
-- own): at `--scale 10` the 1.1 million records, their revisions and 2.6 million parts made 5.9 million such
-- checks, a third of the import's time on the server (86.7 s against 57.6 s without them; 500,000 rows of three
-- integers took 2.4 s instead of 0.55 s). The rows these keys guarded are written in one place only,
-- `Db::store_batch`, in the transaction that inserts or finds their parent, and a parent is never deleted: records
-- and submissions are the agencies' reporting history. That is now what the database enforces, once per
-- statement: deleting a record or a submission, or changing its id (or a record's agency), is refused. An agency
-- with records cannot be deleted either: its accepted submissions still reference it.
-- SQLite keeps the row checks: they are look-ups without locks there (0.8 s of the same import) and its 0026
-- does nothing.
ALTER TABLE records DROP CONSTRAINT records_agency_code_fkey;
ALTER TABLE record_revisions
    DROP CONSTRAINT record_revisions_record_pk_fkey,
    DROP CONSTRAINT record_revisions_submission_id_fkey;
ALTER TABLE selection_committee_members DROP CONSTRAINT selection_committee_members_record_pk_fkey;
ALTER TABLE selection_candidates DROP CONSTRAINT selection_candidates_record_pk_fkey;
ALTER TABLE job_fit_participants DROP CONSTRAINT job_fit_participants_record_pk_fkey;

CREATE FUNCTION reporting_history_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the rows of % are reporting history: they are never deleted nor renumbered', TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER records_kept BEFORE DELETE OR UPDATE OF id, agency_code ON records
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_history_is_kept();
CREATE TRIGGER submissions_kept BEFORE DELETE OR UPDATE OF id ON submissions
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_history_is_kept();
