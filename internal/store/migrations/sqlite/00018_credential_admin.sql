-- +goose Up
-- What admins did to the issuer: revocations and key rotations, who and
-- when. credential_id is a plain number, not a reference: the entry
-- outlives a credential deleted with its learner's account.
CREATE TABLE credential_audit (
    id            INTEGER PRIMARY KEY,
    actor_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action        TEXT NOT NULL,
    credential_id INTEGER,
    detail        TEXT NOT NULL,
    at            DATETIME NOT NULL
);

-- A cohort's graduates, and the admin's list by achievement.
CREATE INDEX credentials_award ON credentials (achievement, param);

-- How far the credential sweep has read the progress history. It starts
-- at the history's end: until now the progress write itself asked.
CREATE TABLE credential_sweep (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    history_id INTEGER NOT NULL
);
INSERT INTO credential_sweep (id, history_id) SELECT 1, COALESCE(MAX(id), 0) FROM progress_history;

-- +goose Down
DROP TABLE credential_sweep;
DROP INDEX credentials_award;
DROP TABLE credential_audit;
