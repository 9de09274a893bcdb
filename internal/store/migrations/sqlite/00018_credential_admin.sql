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

-- +goose Down
DROP INDEX credentials_award;
DROP TABLE credential_audit;
