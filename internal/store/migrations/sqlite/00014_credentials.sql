-- +goose Up
-- The issuer's signing keys, private halves included (a JWK as JSON). A
-- retired key signs nothing new and stays published for verification.
CREATE TABLE credential_keys (
    id         INTEGER PRIMARY KEY,
    kid        TEXT NOT NULL UNIQUE,
    jwk        TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    retired_at DATETIME
);

-- Credentials issued, one per learner, achievement and parameter (topic,
-- step or cohort). id is the credential's place in the status lists, so it
-- is never reused (AUTOINCREMENT). Pending until the learner accepts it;
-- shown on the public page only when public too.
CREATE TABLE credentials (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    achievement TEXT NOT NULL,
    param       TEXT NOT NULL DEFAULT '',
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    jwt         TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted')),
    public      INTEGER NOT NULL DEFAULT 0,
    issued_at   DATETIME NOT NULL,
    accepted_at DATETIME,
    revoked_at  DATETIME,
    revoked_why TEXT NOT NULL DEFAULT '',
    UNIQUE (user_id, achievement, param)
);
CREATE INDEX credentials_revoked ON credentials (id) WHERE revoked_at IS NOT NULL;

-- A learner's story: the parts of their path they chose to show, with their
-- own words per milestone (a JSON document the story package owns), public
-- only once published.
CREATE TABLE stories (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    document   TEXT NOT NULL DEFAULT '{}',
    published  INTEGER NOT NULL DEFAULT 0,
    updated_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE stories;
DROP TABLE credentials;
DROP TABLE credential_keys;
