-- The practice database: a small indoor climbing club.
--
-- Members join on a monthly plan (or pay per visit), staff run the club and
-- coach, the hall is split into climbing areas, sessions are scheduled in an
-- area (some with a coach, some open), members book sessions, and payments
-- record money received. The same tables hold two datasets: data.sql, which
-- learners see, and hidden.sql, which only the grader uses.
--
-- Dates are ISO 8601 text ('2024-03-15', '2024-03-15 18:30'), as SQLite has no
-- date type; amounts are in euros.

CREATE TABLE plans (
    plan_id      INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    monthly_fee  REAL    NOT NULL CHECK (monthly_fee >= 0),
    max_bookings INTEGER CHECK (max_bookings > 0) -- per month; NULL means no limit
);

CREATE TABLE members (
    member_id   INTEGER PRIMARY KEY,
    first_name  TEXT    NOT NULL,
    last_name   TEXT    NOT NULL,
    email       TEXT    UNIQUE,                           -- NULL when none was given
    city        TEXT,                                     -- NULL when unknown
    birth_year  INTEGER,                                  -- NULL when not given
    joined_on   TEXT    NOT NULL,
    plan_id     INTEGER REFERENCES plans (plan_id),       -- NULL: pays per session
    referred_by INTEGER REFERENCES members (member_id)    -- the member who brought them
);

CREATE TABLE staff (
    staff_id    INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('manager', 'coach', 'route setter', 'desk')),
    manager_id  INTEGER REFERENCES staff (staff_id),     -- NULL for the head of the club
    hired_on    TEXT    NOT NULL,
    hourly_rate REAL                                      -- NULL for salaried staff
);

CREATE TABLE areas (
    area_id  INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    kind     TEXT    NOT NULL CHECK (kind IN ('bouldering', 'top rope', 'lead', 'training')),
    capacity INTEGER NOT NULL CHECK (capacity > 0)
);

CREATE TABLE sessions (
    session_id INTEGER PRIMARY KEY,
    area_id    INTEGER NOT NULL REFERENCES areas (area_id),
    coach_id   INTEGER REFERENCES staff (staff_id),      -- NULL: an open session, nobody coaches
    title      TEXT    NOT NULL,
    starts_at  TEXT    NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes > 0),
    spots      INTEGER NOT NULL CHECK (spots > 0),
    price      REAL    NOT NULL CHECK (price >= 0)      -- what a member without a plan pays
);

CREATE INDEX sessions_by_start ON sessions (starts_at);

CREATE TABLE bookings (
    booking_id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (session_id),
    member_id  INTEGER NOT NULL REFERENCES members (member_id),
    booked_at  TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('booked', 'attended', 'no-show', 'cancelled')),
    UNIQUE (session_id, member_id)
);

CREATE TABLE payments (
    payment_id INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (member_id),
    paid_on    TEXT    NOT NULL,
    amount     REAL    NOT NULL,                          -- negative for a refund
    method     TEXT    NOT NULL CHECK (method IN ('card', 'cash', 'transfer')),
    note       TEXT
);
