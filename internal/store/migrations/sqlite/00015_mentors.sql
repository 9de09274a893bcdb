-- +goose Up
-- A mentor's profile: the roadmap topics they mentor, the languages they
-- speak, how many mentees and open requests they take at once, when they
-- are free (a JSON list of weekly windows in their zone), and whether
-- anyone may see the profile or only the cohorts they are staff of.
CREATE TABLE mentor_profiles (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    languages    TEXT NOT NULL DEFAULT ',',
    time_zone    TEXT NOT NULL DEFAULT 'UTC',
    max_mentees  INTEGER NOT NULL CHECK (max_mentees BETWEEN 1 AND 50),
    max_requests INTEGER NOT NULL CHECK (max_requests BETWEEN 1 AND 50),
    windows      TEXT NOT NULL DEFAULT '[]',
    bio          TEXT NOT NULL DEFAULT '',
    public       INTEGER NOT NULL DEFAULT 0,
    updated_at   DATETIME NOT NULL
);
-- One row per topic a mentor mentors: the queue joins on it.
CREATE TABLE mentor_topics (
    mentor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic     TEXT NOT NULL,
    PRIMARY KEY (mentor_id, topic)
) WITHOUT ROWID;

-- A mentor and a learner who work together; ended_at is set when either leaves.
CREATE TABLE mentorships (
    id         INTEGER PRIMARY KEY,
    mentor_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    learner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at DATETIME NOT NULL,
    ended_at   DATETIME
);
CREATE UNIQUE INDEX mentorships_live ON mentorships (mentor_id, learner_id) WHERE ended_at IS NULL;
CREATE INDEX mentorships_learner ON mentorships (learner_id);

-- A learner's request for help. The attached item is copied when the
-- request is made (item_title, item_body): a mentor sees what was attached
-- then, and nothing else of the learner's. status: open (in the queue),
-- active (a mentor took it), closed. A lock holds an open request for one
-- mentor until lock_until.
CREATE TABLE mentor_requests (
    id               INTEGER PRIMARY KEY,
    learner_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic            TEXT NOT NULL,
    kind             TEXT NOT NULL,
    item_id          INTEGER,
    item_title       TEXT NOT NULL DEFAULT '',
    item_body        TEXT NOT NULL DEFAULT '',
    question         TEXT NOT NULL,
    language         TEXT NOT NULL DEFAULT '',
    want_mentor      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    mentor_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'active', 'closed')),
    locked_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    lock_until       DATETIME,
    created_at       DATETIME NOT NULL,
    answered_at      DATETIME,
    last_message_at  DATETIME NOT NULL,
    reminded_at      DATETIME,
    closed_at        DATETIME,
    rating           INTEGER CHECK (rating BETWEEN 1 AND 4),
    testimonial      TEXT NOT NULL DEFAULT '',
    testimonial_shown INTEGER NOT NULL DEFAULT 0
);
-- The queue: open requests of a topic, oldest first.
CREATE INDEX mentor_requests_queue ON mentor_requests (topic, created_at, id) WHERE status = 'open';
CREATE INDEX mentor_requests_learner ON mentor_requests (learner_id, created_at);
CREATE INDEX mentor_requests_mentor ON mentor_requests (mentor_id, status);
CREATE INDEX mentor_requests_locks ON mentor_requests (locked_by, lock_until) WHERE locked_by IS NOT NULL;
CREATE INDEX mentor_requests_stale ON mentor_requests (last_message_at) WHERE status = 'active';
-- The median wait per topic over 30 days reads answered requests by topic.
CREATE INDEX mentor_requests_answered ON mentor_requests (topic, answered_at) WHERE answered_at IS NOT NULL;

-- The thread of a request.
CREATE TABLE mentor_messages (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES mentor_requests (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX mentor_messages_request ON mentor_messages (request_id, id);

-- A learner's invitation to someone they know to be their mentor, by email
-- or by a link whose secret is kept only as its SHA-256.
CREATE TABLE mentor_invitations (
    id          INTEGER PRIMARY KEY,
    learner_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       TEXT NOT NULL DEFAULT '',
    code_hash   BLOB NOT NULL UNIQUE,
    expires_at  DATETIME NOT NULL,
    accepted_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    accepted_at DATETIME,
    created_at  DATETIME NOT NULL
);
CREATE INDEX mentor_invitations_email ON mentor_invitations (email) WHERE email <> '';

-- A session a mentor and a learner meet for; notes and action items (a
-- JSON list of strings) are written after it.
CREATE TABLE mentor_sessions (
    id          INTEGER PRIMARY KEY,
    mentor_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    learner_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    starts_at   DATETIME NOT NULL,
    ends_at     DATETIME NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    agenda      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    actions     TEXT NOT NULL DEFAULT '[]',
    created_at  DATETIME NOT NULL
);
-- Overlap checks and calendar feeds read a person's sessions by time.
CREATE INDEX mentor_sessions_mentor ON mentor_sessions (mentor_id, starts_at);
CREATE INDEX mentor_sessions_learner ON mentor_sessions (learner_id, starts_at);

-- +goose Down
DROP TABLE mentor_sessions;
DROP TABLE mentor_invitations;
DROP TABLE mentor_messages;
DROP TABLE mentor_requests;
DROP TABLE mentorships;
DROP TABLE mentor_topics;
DROP TABLE mentor_profiles;
