-- +goose Up
-- What devpath tells people. Every notification is in its person's inbox;
-- delivery says whether a letter goes too (email: one each; digest: one a
-- day), decided when the notification is made, and sent_at when it went.
-- A producer that runs twice makes the same dedupe_key, which the unique
-- index turns into nothing.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    link       TEXT NOT NULL,
    delivery   TEXT NOT NULL CHECK (delivery IN ('app', 'email', 'digest')),
    created_at DATETIME NOT NULL,
    read_at    DATETIME,
    sent_at    DATETIME
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key);
CREATE INDEX notifications_inbox ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_digest ON notifications (user_id) WHERE delivery = 'digest' AND sent_at IS NULL;

-- A person's choice per kind; a kind without a row is in the app only.
CREATE TABLE notification_settings (
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    delivery TEXT NOT NULL CHECK (delivery IN ('app', 'email', 'digest')),
    PRIMARY KEY (user_id, kind)
);

-- One row per digest sent: a digest job that runs twice sends once.
CREATE TABLE notification_digests (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     TEXT NOT NULL, -- YYYY-MM-DD in the person's time zone
    items   INTEGER NOT NULL,
    sent_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- Secrets the server makes itself at first start and shares between
-- instances, such as the key that signs unsubscribe links.
CREATE TABLE server_secrets (
    name       TEXT PRIMARY KEY,
    value      BLOB NOT NULL,
    created_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE server_secrets;
DROP TABLE notification_digests;
DROP TABLE notification_settings;
DROP TABLE notifications;
