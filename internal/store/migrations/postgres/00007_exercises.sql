-- +goose Up
-- Every answer a learner submitted to a SQL exercise, and what the grader said.
-- The exercise's own reference and hidden rows live in the shipped content, never here.
CREATE TABLE exercise_attempts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exercise    TEXT NOT NULL,            -- the exercise's id in content/exercises
    answer      TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
    reason      TEXT NOT NULL DEFAULT '', -- why an error is one: sql, denied, timeout, ...
    message     TEXT NOT NULL,
    duration_ms BIGINT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX exercise_attempts_user ON exercise_attempts (user_id, exercise, id);

-- +goose Down
DROP TABLE exercise_attempts;
