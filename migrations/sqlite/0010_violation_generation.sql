-- A counter of changes to the violations (issue #5): every transaction that changes them increments it, and each
-- app server rebuilds its in-memory explorer index when the counter has moved (server/src/db/explorer.rs).
CREATE TABLE violation_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO violation_generation (id, generation) VALUES (1, 0);
