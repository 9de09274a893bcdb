-- +goose Up
-- The learner's network. Contacts used to hang off one application each;
-- they become the learner's own (keeping their ids), and applications link
-- to them.
DROP INDEX contacts_app;
ALTER TABLE contacts RENAME TO old_contacts;

CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    how_met      TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    linkedin     TEXT NOT NULL DEFAULT '',
    github       TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT '',
    other_link   TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    tags         TEXT NOT NULL DEFAULT ',',  -- ",go,berlin,": a tag is found with LIKE '%,go,%'
    topics       TEXT NOT NULL DEFAULT ',',
    cadence_days INTEGER NOT NULL DEFAULT 0 CHECK (cadence_days BETWEEN 0 AND 365),
    added_on     TEXT NOT NULL,              -- YYYY-MM-DD in the learner's zone
    last_contact TEXT NOT NULL DEFAULT '',
    next_due     TEXT,                       -- NULL without a cadence
    created_at   DATETIME NOT NULL,
    updated_at   DATETIME NOT NULL
);
-- The list sorted by next due and the losing-touch list both walk this.
CREATE INDEX contacts_due ON contacts (user_id, next_due);

INSERT INTO contacts (id, user_id, name, company, role, email, linkedin, github, website, notes, added_on, created_at, updated_at)
SELECT c.id, a.user_id, c.name, a.company, c.role, c.email,
       CASE WHEN c.url LIKE '%linkedin.com/%' THEN c.url ELSE '' END,
       CASE WHEN c.url LIKE '%github.com/%' AND c.url NOT LIKE '%linkedin.com/%' THEN c.url ELSE '' END,
       CASE WHEN c.url NOT LIKE '%linkedin.com/%' AND c.url NOT LIKE '%github.com/%' THEN c.url ELSE '' END,
       c.notes, substr(a.created_at, 1, 10), a.created_at, a.created_at
FROM old_contacts c JOIN applications a ON a.id = c.application_id;

-- The people of an application.
CREATE TABLE application_contacts (
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (application_id, contact_id)
);
CREATE INDEX application_contacts_contact ON application_contacts (contact_id);
INSERT INTO application_contacts (application_id, contact_id) SELECT application_id, id FROM old_contacts;
DROP TABLE old_contacts;

ALTER TABLE applications ADD COLUMN referred_by INTEGER REFERENCES contacts (id) ON DELETE SET NULL;
CREATE INDEX applications_referred_by ON applications (referred_by);

-- Conferences, meetups and online events; uid is the iCalendar UID of an
-- imported one, so importing a feed again updates instead of copying.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'meetup',
    starts_at  DATETIME NOT NULL,
    ends_at    DATETIME,
    time_zone  TEXT NOT NULL DEFAULT 'UTC',
    place      TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    uid        TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX events_user ON events (user_id, starts_at);
CREATE UNIQUE INDEX events_uid ON events (user_id, uid) WHERE uid <> '';

-- People met at an event.
CREATE TABLE event_contacts (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, contact_id)
);
CREATE INDEX event_contacts_contact ON event_contacts (contact_id);

-- The log of each contact; on is a day in the learner's zone.
CREATE TABLE interactions (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    on_day     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    event_id   INTEGER REFERENCES events (id) ON DELETE SET NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX interactions_contact ON interactions (contact_id, on_day);
CREATE INDEX interactions_user_day ON interactions (user_id, on_day);
CREATE INDEX interactions_event ON interactions (event_id);

-- Communities the learner joined, by the slug of content/career/communities.yaml.
CREATE TABLE community_memberships (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    community TEXT NOT NULL,
    handle    TEXT NOT NULL DEFAULT '',
    joined_on TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (user_id, community)
);

-- +goose Down
DROP TABLE community_memberships;
DROP TABLE interactions;
DROP TABLE event_contacts;
DROP TABLE events;
DROP INDEX applications_referred_by;
ALTER TABLE applications DROP COLUMN referred_by;
CREATE TABLE old_contacts (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    url            TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT ''
);
INSERT INTO old_contacts (application_id, name, role, email, url, notes)
SELECT ac.application_id, c.name, c.role, c.email,
       CASE WHEN c.linkedin <> '' THEN c.linkedin WHEN c.github <> '' THEN c.github ELSE c.website END, c.notes
FROM application_contacts ac JOIN contacts c ON c.id = ac.contact_id;
DROP TABLE application_contacts;
DROP TABLE contacts;
ALTER TABLE old_contacts RENAME TO contacts;
CREATE INDEX contacts_app ON contacts (application_id);
