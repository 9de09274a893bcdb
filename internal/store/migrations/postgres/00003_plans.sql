-- +goose Up
-- A learner's situation, as the JSON document the planner reads
-- (starting point, route, hours per week, languages, known topics, target date, time zone).
CREATE TABLE profiles (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    data       TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- The secret in a learner's private calendar feed address; rotating it revokes the old address.
CREATE TABLE calendar_feeds (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- Each time a learner went over a done topic again, and whether they still knew it.
CREATE TABLE reviews (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap    TEXT NOT NULL,
    topic      TEXT NOT NULL,
    remembered BOOLEAN NOT NULL,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX reviews_user ON reviews (user_id, roadmap, topic);

-- +goose Down
DROP TABLE reviews;
DROP TABLE calendar_feeds;
DROP TABLE profiles;
