-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('learner', 'mentor', 'admin')),
    created_at    DATETIME NOT NULL
);

-- Sessions and personal access tokens: only a hash of the secret is kept.
CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('session', 'personal')),
    name       TEXT NOT NULL,
    hash       BLOB NOT NULL UNIQUE,
    created_at DATETIME NOT NULL,
    expires_at DATETIME
);
CREATE INDEX tokens_user ON tokens (user_id, kind);

-- +goose Down
DROP TABLE tokens;
DROP TABLE users;
