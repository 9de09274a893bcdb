-- +goose Up
-- A learner's master resume: the JSON Resume document byte for byte as they sent it
-- (TEXT, not JSONB, which would reorder members and drop duplicates).
CREATE TABLE resumes (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    document   TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Tailored copies, kept as operations over the master (career.Tailoring as JSON),
-- so the master is never copied or changed. application_id names an application
-- without a foreign key: deleting the application keeps the copy.
CREATE TABLE tailored_resumes (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    application_id BIGINT,
    ops            TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX tailored_resumes_user ON tailored_resumes (user_id, id);

-- Portfolio projects; dates a person types stay as YYYY-MM-DD text, topics are a JSON array of ids.
CREATE TABLE portfolio_projects (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('open_source', 'freelance', 'volunteer', 'personal', 'coding_challenge')),
    title          TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    repository_url TEXT NOT NULL DEFAULT '',
    live_url       TEXT NOT NULL DEFAULT '',
    start_date     TEXT NOT NULL DEFAULT '',
    end_date       TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    topics         TEXT NOT NULL DEFAULT '[]',
    check_run_id   BIGINT REFERENCES check_runs (id) ON DELETE SET NULL,
    public         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX portfolio_projects_user ON portfolio_projects (user_id, id);

-- The public page at /u/{handle}: off until the learner turns it on; handle is NULL until chosen.
CREATE TABLE portfolio_settings (
    user_id       BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    handle        TEXT UNIQUE,
    public        BOOLEAN NOT NULL DEFAULT FALSE,
    show_progress BOOLEAN NOT NULL DEFAULT FALSE,
    headline      TEXT NOT NULL DEFAULT '',
    updated_at    TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE portfolio_settings;
DROP TABLE portfolio_projects;
DROP TABLE tailored_resumes;
DROP TABLE resumes;
