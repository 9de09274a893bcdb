-- +goose Up
-- A learner's current status and note per topic.
CREATE TABLE progress (
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap    TEXT NOT NULL,
    topic      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('todo', 'learning', 'done', 'skipped')),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, roadmap, topic)
);

-- Every change, appended and never rewritten.
CREATE TABLE progress_history (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap     TEXT NOT NULL,
    topic       TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX progress_history_user ON progress_history (user_id, roadmap, at);

-- +goose Down
DROP TABLE progress_history;
DROP TABLE progress;
