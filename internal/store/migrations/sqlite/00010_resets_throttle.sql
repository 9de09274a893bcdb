-- +goose Up
-- Password reset links: single use, short-lived; only a SHA-256 of the
-- secret is kept, as for tokens.
CREATE TABLE password_resets (
    hash       BLOB PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX password_resets_user ON password_resets (user_id, expires_at);
CREATE INDEX password_resets_expiry ON password_resets (expires_at);

-- Throttling counters (failed logins per account and address, per address;
-- reset requests per address), here rather than in memory so that every
-- instance on this database counts together. The id is a SHA-256 of what
-- is counted; the level leaks away, and reaches zero at expires_at.
CREATE TABLE throttle_counters (
    id         BLOB PRIMARY KEY,
    level      REAL NOT NULL,
    updated_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL
);
CREATE INDEX throttle_counters_expiry ON throttle_counters (expires_at);

-- +goose Down
DROP TABLE throttle_counters;
DROP TABLE password_resets;
