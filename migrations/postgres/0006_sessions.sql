-- Web sign-in (issue #5): argon2id password hashes, server-side sessions (in the database, so several app
-- servers share them; only a hash of the cookie's token is stored) and failed sign-ins for the lockout.
ALTER TABLE users ADD COLUMN password_hash TEXT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,                -- sent back in every state-changing form
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id        BIGSERIAL PRIMARY KEY,
    user_name TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX login_failures_name ON login_failures (user_name, at);
