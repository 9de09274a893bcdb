-- +goose Up
-- Runs of the project checker against a learner's own server.
CREATE TABLE check_runs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project     TEXT NOT NULL,
    url         TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('running', 'passed', 'failed')),
    passed      INTEGER NOT NULL DEFAULT 0, -- stages passed
    stages      INTEGER NOT NULL,
    report      TEXT NOT NULL DEFAULT '',   -- the checker's JSON report once finished
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX check_runs_user ON check_runs (user_id, project, id);

-- +goose Down
DROP TABLE check_runs;
