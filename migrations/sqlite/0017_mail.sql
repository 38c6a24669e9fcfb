-- Letters and reminders (issue #18, interfaces.md "Mail"). A person's e-mail address (agency clerks receive their
-- agency's recommendation mail; staff their digest). Every message is first written to the outbox; a sender
-- delivers it with retries and records the result. `dedupe_key` (e.g. `reminder:1234:clerk-a`) makes each
-- (recommendation, kind, recipient) one row for ever, however often the daily pass runs and on however many
-- servers. The one sender at a time holds the `mail.sender` lease (a row of `leases`, taken by an upsert that only
-- succeeds when the lease is free or expired).
ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (kind IN ('issued', 'reminder', 'overdue', 'digest')),
    dedupe_key       TEXT NOT NULL UNIQUE,
    violation_id     INTEGER REFERENCES violations (id),
    recipient        TEXT NOT NULL,            -- the address
    recipient_user   TEXT NOT NULL,            -- the user's name
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    attach_letter    INTEGER NOT NULL DEFAULT 0 CHECK (attach_letter IN (0, 1)),
    state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX outbox_waiting ON outbox (state, next_attempt_at);

CREATE TABLE leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL,
    until   TEXT NOT NULL
);

-- The provinces a staff member follows: their weekly digest covers those.
CREATE TABLE user_provinces (
    user_name      TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    PRIMARY KEY (user_name, province_code)
);
