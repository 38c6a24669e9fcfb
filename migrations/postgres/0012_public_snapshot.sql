-- The public pages' aggregates (issue #6), computed after a change and shared by every app server: a server
-- whose data key (server/src/public.rs) matches `source_key` reads `body` (JSON) instead of recomputing it.
CREATE TABLE public_snapshot (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    source_key  TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    body        TEXT NOT NULL
);
