-- The staff's case workflow on complaints filed through the form (issue #7): received → verifying → proven |
-- dismissed; a proven case gets the commission's recommendation to the agency's PPK (sanction category of the
-- 2022 joint decree, letter number and date) and then the PPK's decision, entered by staff or sent by the agency
-- as a `neutrality_followup` record naming the complaint's reference. Every step is in audit_log under
-- `complaint/<reference>`, which is also the case's history.
ALTER TABLE complaints ADD COLUMN violation_type TEXT;       -- set when the case is proven
ALTER TABLE complaints ADD COLUMN dismissed_reason TEXT;
ALTER TABLE complaints ADD COLUMN recommended_sanction TEXT;
ALTER TABLE complaints ADD COLUMN letter_number TEXT;
ALTER TABLE complaints ADD COLUMN recommended_on TEXT;
ALTER TABLE complaints ADD COLUMN decided_on TEXT;           -- the PPK's decision as entered by staff
ALTER TABLE complaints ADD COLUMN decided_sanction TEXT;
-- Counts the steps taken on the case: its sum is part of the public aggregates' key (two steps within one second
-- leave updated_at as it was).
ALTER TABLE complaints ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- Who handles a case. Only they see the complainant's identity; each view of it is audited.
CREATE TABLE complaint_handlers (
    complaint_id  BIGINT NOT NULL REFERENCES complaints (id),
    user_name     TEXT NOT NULL REFERENCES users (name),
    assigned_at   TEXT NOT NULL,
    assigned_by   TEXT NOT NULL,
    PRIMARY KEY (complaint_id, user_name)
);
