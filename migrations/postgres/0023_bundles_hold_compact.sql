-- The compact forms live in the agencies' rule bundles, which each stored batch now keeps current (issue #21,
-- server/src/db/rule_bundles.rs): the rows keep one only for answers to recommendations (read one by one by the
-- follow-up), and the covering index over them (248 MB of the 1.7 GB `--scale 10` demo file) goes. A bundle that
-- is stale is rebuilt from the rows' JSON by the next evaluation.
DROP INDEX IF EXISTS records_compact;
UPDATE records SET compact = NULL WHERE kind <> 'recommendation_response' AND compact IS NOT NULL;
