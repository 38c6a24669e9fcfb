-- Nothing to do on PostgreSQL: SQLite's 0025 rebuilds the records' parts WITHOUT ROWID, a layout PostgreSQL's
-- heap tables do not have. Kept so that both engines count the same migrations.
SELECT 1;
