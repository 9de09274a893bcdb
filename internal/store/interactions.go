package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/app"
	"devpath/internal/network"
)

// LogInteraction records an interaction and moves the contact's last
// contact and next due day, in one transaction.
func (s *Store) LogInteraction(ctx context.Context, user int64, i network.Interaction, at time.Time) (network.Interaction, error) {
	i.CreatedAt = at.UTC()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if i.EventID != nil {
			if err := s.ownsEvent(ctx, tx, user, *i.EventID); app.ErrorCode(err) == app.NotFound {
				return app.FieldError("event_id", "not one of your events")
			} else if err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, s.q(`
			INSERT INTO interactions (user_id, contact_id, kind, on_day, note, event_id, created_at)
			SELECT user_id, id, ?, ?, ?, ?, ? FROM contacts WHERE id = ? AND user_id = ? RETURNING id`),
			i.Kind, i.On, i.Note, i.EventID, i.CreatedAt, i.ContactID, user).Scan(&i.ID); err != nil {
			return s.wrap(err, "contact")
		}
		if i.EventID != nil { // met there
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO event_contacts (event_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING`),
				*i.EventID, i.ContactID); err != nil {
				return err
			}
		}
		return s.touch(ctx, tx, user, i.ContactID)
	})
	return i, err
}

// touch sets a contact's last contact to its latest interaction and its
// next due day from there.
func (s *Store) touch(ctx context.Context, tx *sql.Tx, user, contact int64) error {
	var cadence int
	var last, added string
	err := tx.QueryRowContext(ctx, s.q(`
		SELECT c.cadence_days, c.added_on, COALESCE((SELECT MAX(on_day) FROM interactions WHERE contact_id = c.id), '')
		FROM contacts c WHERE c.id = ? AND c.user_id = ?`+s.dialect.forUpdate()), contact, user).Scan(&cadence, &added, &last)
	if err != nil {
		return s.wrap(err, "contact")
	}
	_, err = tx.ExecContext(ctx, s.q(`UPDATE contacts SET last_contact = ?, next_due = ? WHERE id = ?`),
		last, nullDay(network.NextDue(cadence, last, added)), contact)
	return err
}

// Interactions returns a contact's log, the latest first.
func (s *Store) Interactions(ctx context.Context, user, contact int64) ([]network.Interaction, error) {
	if _, err := s.Contact(ctx, user, contact); err != nil {
		return nil, err
	}
	out, err := queryAll(ctx, s.read, s.q(`
		SELECT id, contact_id, kind, on_day, note, event_id, created_at FROM interactions
		WHERE contact_id = ? AND user_id = ? ORDER BY on_day DESC, id DESC`),
		func(row scanner, i *network.Interaction) error {
			return row.Scan(&i.ID, &i.ContactID, &i.Kind, &i.On, &i.Note, &i.EventID, &i.CreatedAt)
		}, contact, user)
	if out == nil {
		out = []network.Interaction{}
	}
	return out, err
}

// DeleteInteraction removes one entry of a contact's log and moves the
// contact's last contact back to the latest left.
func (s *Store) DeleteInteraction(ctx context.Context, user, contact, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM interactions WHERE id = ? AND contact_id = ? AND user_id = ?`), id, contact, user)
		if err := affected(res, err, "interaction not found"); err != nil {
			return err
		}
		return s.touch(ctx, tx, user, contact)
	})
}

// ownsEvent checks that an event is the learner's, so that nothing is tied to another's.
func (s *Store) ownsEvent(ctx context.Context, tx *sql.Tx, user, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, s.q(`SELECT 1 FROM events WHERE id = ? AND user_id = ?`), id, user).Scan(&one)
	return s.wrap(err, "event")
}
