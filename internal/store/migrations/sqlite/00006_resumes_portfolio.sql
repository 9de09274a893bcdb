-- +goose Up
-- A learner's master resume: the JSON Resume document byte for byte as they sent it.
CREATE TABLE resumes (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    document   TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

-- Tailored copies, kept as operations over the master (career.Tailoring as JSON),
-- so the master is never copied or changed. application_id names an application
-- without a foreign key: deleting the application keeps the copy.
CREATE TABLE tailored_resumes (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    application_id INTEGER,
    ops            TEXT NOT NULL,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX tailored_resumes_user ON tailored_resumes (user_id, id);

-- Portfolio projects; dates a person types stay as YYYY-MM-DD text, topics are a JSON array of ids.
CREATE TABLE portfolio_projects (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('open_source', 'freelance', 'volunteer', 'personal', 'coding_challenge')),
    title          TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    repository_url TEXT NOT NULL DEFAULT '',
    live_url       TEXT NOT NULL DEFAULT '',
    start_date     TEXT NOT NULL DEFAULT '',
    end_date       TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    topics         TEXT NOT NULL DEFAULT '[]',
    check_run_id   INTEGER REFERENCES check_runs (id) ON DELETE SET NULL,
    public         INTEGER NOT NULL DEFAULT 0,
    created_at     DATETIME NOT NULL,
    updated_at     DATETIME NOT NULL
);
CREATE INDEX portfolio_projects_user ON portfolio_projects (user_id, id);

-- The public page at /u/{handle}: off until the learner turns it on; handle is NULL until chosen.
CREATE TABLE portfolio_settings (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    handle        TEXT UNIQUE,
    public        INTEGER NOT NULL DEFAULT 0,
    show_progress INTEGER NOT NULL DEFAULT 0,
    headline      TEXT NOT NULL DEFAULT '',
    updated_at    DATETIME NOT NULL
);

-- +goose Down
DROP TABLE portfolio_settings;
DROP TABLE portfolio_projects;
DROP TABLE tailored_resumes;
DROP TABLE resumes;
