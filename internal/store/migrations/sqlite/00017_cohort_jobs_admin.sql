-- +goose Up
-- Internships and jobs a cohort's staff post for its learners (step 7).
-- Dates are days as typed (YYYY-MM-DD); an empty deadline means none.
CREATE TABLE cohort_opportunities (
    id          INTEGER PRIMARY KEY,
    cohort_id   INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('job', 'internship')),
    company     TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    deadline    TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  DATETIME NOT NULL
);
CREATE INDEX cohort_opportunities_cohort ON cohort_opportunities (cohort_id, id);

-- Which application of a learner's own pipeline came from which posting:
-- staff count them by stage and never read them. Deleting the application
-- deletes the tie, so the learner may apply again.
CREATE TABLE opportunity_applications (
    opportunity_id INTEGER NOT NULL REFERENCES cohort_opportunities (id) ON DELETE CASCADE,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    PRIMARY KEY (opportunity_id, user_id)
) WITHOUT ROWID;

-- Where each learner of a cohort ended up, recorded by staff or the learner:
-- the cohort's placement rate.
CREATE TABLE cohort_outcomes (
    cohort_id   INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    outcome     TEXT NOT NULL CHECK (outcome IN ('hired', 'internship', 'searching')),
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_at DATETIME NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
) WITHOUT ROWID;

-- The mentor a cohort's admin assigns to each learner, one of its staff.
ALTER TABLE cohort_members ADD COLUMN mentor_id INTEGER REFERENCES users (id) ON DELETE SET NULL;

-- A disabled account cannot log in; disabling it also deletes its sessions
-- and tokens, in the same transaction.
ALTER TABLE users ADD COLUMN disabled_at DATETIME;

-- Instance settings changed at run time by an admin; a setting with no row
-- takes the value the operator's flags give.
CREATE TABLE instance_settings (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

-- What instance admins did to accounts and settings, for admins to read;
-- each entry is written in the transaction of the action it tells of.
CREATE TABLE admin_audit (
    id       INTEGER PRIMARY KEY,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL,
    at       DATETIME NOT NULL
);

-- +goose Down
DROP TABLE admin_audit;
DROP TABLE instance_settings;
ALTER TABLE users DROP COLUMN disabled_at;
ALTER TABLE cohort_members DROP COLUMN mentor_id;
DROP TABLE cohort_outcomes;
DROP TABLE opportunity_applications;
DROP TABLE cohort_opportunities;
