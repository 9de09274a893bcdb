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

-- +goose Down
DROP TABLE cohort_outcomes;
DROP TABLE opportunity_applications;
DROP TABLE cohort_opportunities;
