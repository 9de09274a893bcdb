-- +goose Up
-- A cohort: learners who follow one roadmap together, between two dates,
-- with the hours a week the cohort expects and the day it aims to be done by.
-- Dates are days (YYYY-MM-DD) in the cohort's time zone. The thresholds say
-- when the dashboard flags a learner as stuck.
CREATE TABLE cohorts (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             TEXT NOT NULL,
    roadmap          TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    end_date         TEXT NOT NULL,
    target_date      TEXT NOT NULL,
    weekly_hours     INTEGER NOT NULL,
    time_zone        TEXT NOT NULL,
    inactive_days    INTEGER NOT NULL,
    behind_hours     INTEGER NOT NULL,
    learning_factor  INTEGER NOT NULL,
    repeated_failures INTEGER NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL
);

-- Staff per cohort: its admins (named by the instance admin) and mentors.
CREATE TABLE cohort_staff (
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('admin', 'mentor')),
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_staff_user ON cohort_staff (user_id);

-- Learners per cohort. Leaving deletes the row and nothing of the learner's.
CREATE TABLE cohort_members (
    cohort_id BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_members_user ON cohort_members (user_id);

-- Invitations: to one email (email set, code_hash empty), or a link anyone
-- holding it may use (code_hash set: a SHA-256 of the secret in the link)
-- until it expires or its seats are taken.
CREATE TABLE cohort_invitations (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cohort_id   BIGINT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    email       TEXT,
    code_hash   BYTEA UNIQUE,
    seats       INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0,
    expires_at  TIMESTAMPTZ NOT NULL,
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    CHECK ((email IS NULL) <> (code_hash IS NULL))
);
CREATE UNIQUE INDEX cohort_invitations_email ON cohort_invitations (email, cohort_id) WHERE email IS NOT NULL;

-- What staff did, for staff to read: who, what, in which cohort, when.
CREATE TABLE cohort_audit (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cohort_id BIGINT REFERENCES cohorts (id) ON DELETE CASCADE,
    actor_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX cohort_audit_cohort ON cohort_audit (cohort_id, id);

-- How many learners are at each status per topic, kept by the progress
-- write in its own transaction ('todo' is everyone else). Each count is
-- split over 8 rows by learner, so that concurrent writes to one topic on
-- PostgreSQL rarely wait for each other's row lock.
CREATE TABLE progress_counts (
    roadmap TEXT NOT NULL,
    topic   TEXT NOT NULL,
    status  TEXT NOT NULL,
    shard   INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (roadmap, topic, status, shard)
);
INSERT INTO progress_counts (roadmap, topic, status, shard, n)
SELECT roadmap, topic, status, user_id % 8, COUNT(*) FROM progress
WHERE status <> 'todo' GROUP BY roadmap, topic, status, user_id % 8;

-- The counts answer what these indexes were for, and every index on
-- progress costs its hottest write.
DROP INDEX progress_learning;
DROP INDEX progress_by_topic;

-- +goose Down
CREATE INDEX progress_by_topic ON progress (roadmap, topic, status);
CREATE INDEX progress_learning ON progress (roadmap, topic, updated_at) WHERE status = 'learning';
DROP TABLE progress_counts;
DROP TABLE cohort_audit;
DROP TABLE cohort_invitations;
DROP TABLE cohort_members;
DROP TABLE cohort_staff;
DROP TABLE cohorts;
