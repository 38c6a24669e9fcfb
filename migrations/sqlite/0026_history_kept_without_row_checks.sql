-- Nothing to do on SQLite: PostgreSQL's 0026 replaces the import's row-by-row foreign key checks with a refusal
-- to delete records and submissions. SQLite's checks are look-ups without locks (0.8 s of a `--scale 10`
-- import), and its foreign keys already refuse deleting a record or a submission that has revisions.
SELECT 1;
