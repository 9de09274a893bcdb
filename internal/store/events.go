package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/network"
)

const eventColumns = `id, title, kind, starts_at, ends_at, time_zone, place, link, notes, uid, created_at, updated_at`

func scanEvent(row scanner, e *network.Event) error {
	var ends sql.NullTime
	err := row.Scan(&e.ID, &e.Title, &e.Kind, &e.Starts, &ends, &e.TimeZone, &e.Place, &e.Link, &e.Notes, &e.UID, &e.CreatedAt, &e.UpdatedAt)
	e.Starts = e.Starts.UTC()
	if ends.Valid {
		t := ends.Time.UTC()
		e.Ends = &t
	}
	e.People = []network.Met{}
	return err
}

// eventValues are the editable columns in the order of the INSERT and UPDATE below.
func eventValues(e network.Event) []any {
	var ends any
	if e.Ends != nil {
		ends = e.Ends.UTC()
	}
	return []any{e.Title, e.Kind, e.Starts.UTC(), ends, e.TimeZone, e.Place, e.Link, e.Notes}
}

// CreateEvent adds an event of a learner's.
func (s *Store) CreateEvent(ctx context.Context, user int64, e network.Event, at time.Time) (network.Event, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertEvent(ctx, tx, user, e, at)
		return err
	})
	if err != nil {
		return network.Event{}, s.wrap(err, "event")
	}
	return s.Event(ctx, user, id)
}

func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, user int64, e network.Event, at time.Time) (int64, error) {
	at = at.UTC()
	args := append([]any{user}, eventValues(e)...)
	args = append(args, e.UID, at, at)
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`
		INSERT INTO events (user_id, title, kind, starts_at, ends_at, time_zone, place, link, notes, uid, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), args...).Scan(&id)
	return id, err
}

// Event returns one of a learner's events with the people met there.
func (s *Store) Event(ctx context.Context, user, id int64) (network.Event, error) {
	e, err := queryOne(ctx, s.read, s.q(`SELECT `+eventColumns+` FROM events WHERE id = ? AND user_id = ?`), scanEvent, id, user)
	if err != nil {
		return e, s.wrap(err, "event")
	}
	people, err := queryAll(ctx, s.read, s.q(`
		SELECT c.id, c.name, c.last_contact FROM event_contacts ec JOIN contacts c ON c.id = ec.contact_id
		WHERE ec.event_id = ? ORDER BY c.name, c.id`),
		func(row scanner, m *network.Met) error { return row.Scan(&m.ID, &m.Name, &m.LastContact) }, id)
	if people != nil {
		e.People = people
	}
	return e, err
}

// Events lists a learner's events, the latest start first.
func (s *Store) Events(ctx context.Context, user int64, limit int) ([]network.Event, error) {
	out, err := queryAll(ctx, s.read, s.q(`SELECT `+eventColumns+` FROM events WHERE user_id = ? ORDER BY starts_at DESC, id DESC LIMIT ?`),
		scanEvent, user, limit)
	if out == nil {
		out = []network.Event{}
	}
	return out, err
}

// UpdateEvent writes an event's fields.
func (s *Store) UpdateEvent(ctx context.Context, user int64, e network.Event, at time.Time) (network.Event, error) {
	args := append(eventValues(e), at.UTC(), e.ID, user)
	res, err := s.write.ExecContext(ctx, s.q(`
		UPDATE events SET title = ?, kind = ?, starts_at = ?, ends_at = ?, time_zone = ?, place = ?, link = ?, notes = ?, updated_at = ?
		WHERE id = ? AND user_id = ?`), args...)
	if err := affected(res, err, "event not found"); err != nil {
		return network.Event{}, err
	}
	return s.Event(ctx, user, e.ID)
}

// DeleteEvent removes a learner's event.
func (s *Store) DeleteEvent(ctx context.Context, user, id int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM events WHERE id = ? AND user_id = ?`), id, user)
	return affected(res, err, "event not found")
}

// MeetAtEvent links one of the learner's contacts to one of their events.
func (s *Store) MeetAtEvent(ctx context.Context, user, event, contact int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.ownsEvent(ctx, tx, user, event); err != nil {
			return err
		}
		if err := s.ownsContact(ctx, tx, user, contact); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO event_contacts (event_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING`), event, contact)
		return err
	})
}

// ImportEvents stores imported events in one transaction: an event whose
// UID the learner has is updated, any other created.
func (s *Store) ImportEvents(ctx context.Context, user int64, events []network.Event, at time.Time) (network.Imported, error) {
	var n network.Imported
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, e := range events {
			args := append(eventValues(e), at.UTC(), user, e.UID)
			res, err := tx.ExecContext(ctx, s.q(`
				UPDATE events SET title = ?, kind = ?, starts_at = ?, ends_at = ?, time_zone = ?, place = ?, link = ?, notes = ?, updated_at = ?
				WHERE user_id = ? AND uid = ? AND uid <> ''`), args...)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				n.Updated++
				continue
			}
			if _, err := s.insertEvent(ctx, tx, user, e, at); err != nil {
				return err
			}
			n.Created++
		}
		return nil
	})
	return n, s.wrap(err, "event")
}
