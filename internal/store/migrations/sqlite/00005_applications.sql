-- +goose Up
-- Jobs and internships a learner pursues; dates a person types stay as YYYY-MM-DD text.
CREATE TABLE applications (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('job', 'internship')),
    company        TEXT NOT NULL,
    title          TEXT NOT NULL,
    location       TEXT NOT NULL DEFAULT '',
    remote         INTEGER NOT NULL DEFAULT 0,
    salary_min     INTEGER NOT NULL DEFAULT 0,
    salary_max     INTEGER NOT NULL DEFAULT 0,
    currency       TEXT NOT NULL DEFAULT '',
    source_url     TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    deadline       TEXT NOT NULL DEFAULT '',
    start_date     TEXT NOT NULL DEFAULT '',
    end_date       TEXT NOT NULL DEFAULT '',
    stage          TEXT NOT NULL,
    applied_on     TEXT NOT NULL DEFAULT '',
    follow_up      TEXT NOT NULL DEFAULT '',
    offer_amount   INTEGER NOT NULL DEFAULT 0,
    offer_currency TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    resume_id      INTEGER,          -- the tailored resume used, if any
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX applications_user ON applications (user_id, stage);

-- Every stage an application went through, with its date: proof of applications.
CREATE TABLE application_stages (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    stage          TEXT NOT NULL,
    notes          TEXT NOT NULL DEFAULT '',
    at             DATETIME NOT NULL
);
CREATE INDEX application_stages_app ON application_stages (application_id, id);

CREATE TABLE interviews (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    kind           TEXT NOT NULL,
    people         TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interviews_app ON interviews (application_id);

-- People at the company an application is for.
CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    url            TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_app ON contacts (application_id);

-- +goose Down
DROP TABLE contacts;
DROP TABLE interviews;
DROP TABLE application_stages;
DROP TABLE applications;
