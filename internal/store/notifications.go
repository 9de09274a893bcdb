package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"devpath/internal/notify"
)

var _ notify.Store = (*Store)(nil)

// AddNotification stores n unless the person has its key already; one to
// be emailed is stored with its job, so the job exists if and only if the
// notification does.
func (s *Store) AddNotification(ctx context.Context, n notify.Notification) (notify.Notification, bool, error) {
	n.CreatedAt = n.CreatedAt.UTC()
	added := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`
			INSERT INTO notifications (user_id, kind, dedupe_key, title, body, link, delivery, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id`),
			n.UserID, n.Kind, n.Key, n.Title, n.Body, n.Link, n.Delivery, n.CreatedAt).Scan(&n.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // the person has it already
		}
		if err != nil {
			return err
		}
		added = true
		if n.Delivery == notify.Email {
			return s.enqueue(ctx, tx, notify.EmailJob{NotificationID: n.ID})
		}
		return nil
	})
	return n, added, err
}

// HasNotification tells whether the person has a notification with key.
func (s *Store) HasNotification(ctx context.Context, user int64, key string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND dedupe_key = ?`), user, key).Scan(&n)
	return n > 0, err
}

const notificationColumns = `id, user_id, kind, dedupe_key, title, body, link, delivery, created_at, read_at, sent_at`

func scanNotification(row scanner, n *notify.Notification) error {
	return row.Scan(&n.ID, &n.UserID, &n.Kind, &n.Key, &n.Title, &n.Body, &n.Link, &n.Delivery, &n.CreatedAt, &n.ReadAt, &n.SentAt)
}

// Notification returns anyone's notification.
func (s *Store) Notification(ctx context.Context, id int64) (notify.Notification, error) {
	n, err := queryOne(ctx, s.read, s.q(`SELECT `+notificationColumns+` FROM notifications WHERE id = ?`), scanNotification, id)
	return n, s.wrap(err, "notification")
}

// Notifications lists a person's notifications below before (0: all), newest first.
func (s *Store) Notifications(ctx context.Context, user, before int64, limit int) ([]notify.Notification, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT `+notificationColumns+` FROM notifications
		WHERE user_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?`),
		scanNotification, user, before, before, limit)
}

// UnreadNotifications counts a person's unread notifications.
func (s *Store) UnreadNotifications(ctx context.Context, user int64) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`), user).Scan(&n)
	return n, err
}

// MarkNotificationRead marks one of the person's notifications read; one
// read already stays as it was, another person's is NotFound.
func (s *Store) MarkNotificationRead(ctx context.Context, user, id int64, at time.Time) error {
	res, err := s.write.ExecContext(ctx, s.q(`
		UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?`), at.UTC(), id, user)
	return affected(res, err, "notification %d not found", id)
}

// MarkNotificationsRead marks every unread notification of the person read.
func (s *Store) MarkNotificationsRead(ctx context.Context, user int64, at time.Time) (int64, error) {
	res, err := s.write.ExecContext(ctx, s.q(`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`), at.UTC(), user)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// MarkNotificationSent records that a notification's email went.
func (s *Store) MarkNotificationSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`UPDATE notifications SET sent_at = ? WHERE id = ?`), at.UTC(), id)
	return err
}

// NotificationSettings returns the person's choices; kinds without one are absent.
func (s *Store) NotificationSettings(ctx context.Context, user int64) (map[notify.Kind]notify.Delivery, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT kind, delivery FROM notification_settings WHERE user_id = ?`), user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[notify.Kind]notify.Delivery{}
	for rows.Next() {
		var k notify.Kind
		var d notify.Delivery
		if err := rows.Scan(&k, &d); err != nil {
			return nil, err
		}
		out[k] = d
	}
	return out, rows.Err()
}

// SetNotificationSettings stores the choices and, in the same transaction,
// keeps the letters still waiting for a kind from going out another way
// than the one now chosen: they stay in the inbox only.
func (s *Store) SetNotificationSettings(ctx context.Context, user int64, choices map[notify.Kind]notify.Delivery) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for k, d := range choices {
			if _, err := tx.ExecContext(ctx, s.q(`
				INSERT INTO notification_settings (user_id, kind, delivery) VALUES (?, ?, ?)
				ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery`), user, k, d); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`
				UPDATE notifications SET delivery = 'app'
				WHERE user_id = ? AND kind = ? AND sent_at IS NULL AND delivery <> 'app' AND delivery <> ?`), user, k, d); err != nil {
				return err
			}
		}
		return nil
	})
}

// Recipient returns the address and name of an account.
func (s *Store) Recipient(ctx context.Context, user int64) (notify.Recipient, error) {
	var r notify.Recipient
	err := s.read.QueryRowContext(ctx, s.q(`SELECT email, name FROM users WHERE id = ?`), user).Scan(&r.Email, &r.Name)
	return r, s.wrap(err, "user")
}

// Learners returns account ids above after, in order.
func (s *Store) Learners(ctx context.Context, after int64, limit int) ([]int64, error) {
	return queryAll(ctx, s.read, s.q(`SELECT id FROM users WHERE id > ? ORDER BY id LIMIT ?`), scanID, after, limit)
}

// DigestWaiting returns ids above after of people with digest items not sent.
func (s *Store) DigestWaiting(ctx context.Context, after int64, limit int) ([]int64, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT DISTINCT user_id FROM notifications
		WHERE delivery = 'digest' AND sent_at IS NULL AND user_id > ? ORDER BY user_id LIMIT ?`), scanID, after, limit)
}

func scanID(row scanner, id *int64) error { return row.Scan(id) }

// DigestItems returns the person's digest items not sent yet, oldest first.
func (s *Store) DigestItems(ctx context.Context, user int64) ([]notify.Notification, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT `+notificationColumns+` FROM notifications
		WHERE user_id = ? AND delivery = 'digest' AND sent_at IS NULL ORDER BY id`), scanNotification, user)
}

// DigestSent tells whether the person's digest of day went.
func (s *Store) DigestSent(ctx context.Context, user int64, day string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM notification_digests WHERE user_id = ? AND day = ?`), user, day).Scan(&n)
	return n > 0, err
}

// RecordDigest marks the items sent and records the day's digest, together.
func (s *Store) RecordDigest(ctx context.Context, user int64, day string, items []int64, at time.Time) error {
	args := []any{at.UTC(), user}
	for _, id := range items {
		args = append(args, id)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(items)), ", ")
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE notifications SET sent_at = ? WHERE user_id = ? AND id IN (`+marks+`)`), args...); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`
			INSERT INTO notification_digests (user_id, day, items, sent_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, day) DO NOTHING`), user, day, len(items), at.UTC())
		return err
	})
}

// Secret returns the secret called name, storing fresh when there is none:
// the first instance to start makes it, and every other one reads it.
func (s *Store) Secret(ctx context.Context, name string, fresh []byte, at time.Time) ([]byte, error) {
	var v []byte
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`
			INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO NOTHING`), name, fresh, at.UTC()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, s.q(`SELECT value FROM server_secrets WHERE name = ?`), name).Scan(&v)
	})
	return v, err
}
