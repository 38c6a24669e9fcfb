-- Request limits shared by every app server (issue #14): counters per limit ("bucket"), subject and fixed time
-- window. The subject of a per-address limit is a SHA-256 of the address (an IPv6 address's /64) and the
-- window, never the address itself; rows of past windows are deleted as new windows start.
CREATE TABLE rate_limits (
    bucket       TEXT NOT NULL,
    subject      TEXT NOT NULL,
    window_start BIGINT NOT NULL,   -- seconds since the Unix epoch
    hits         BIGINT NOT NULL,
    PRIMARY KEY (bucket, subject, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
