package store

import (
	"context"
	"database/sql"
	"strings"

	"devpath/internal/account"
)

const userColumns = `id, email, name, role, created_at, disabled_at IS NOT NULL`

func scanUser(row scanner, u *account.User) error {
	return row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CreatedAt, &u.Disabled)
}

// SearchUsers lists accounts whose name or email holds q, by name.
func (s *Store) SearchUsers(ctx context.Context, q string, limit int) ([]account.User, error) {
	like := "%" + likeEscape(strings.ToLower(q)) + "%"
	return queryAll(ctx, s.read, s.q(`SELECT `+userColumns+` FROM users
		WHERE LOWER(name) LIKE ? OR email LIKE ? ORDER BY LOWER(name), id LIMIT ?`), scanUser, like, like, limit)
}

// UserByID returns one account.
func (s *Store) UserByID(ctx context.Context, id int64) (account.User, error) {
	u, err := queryOne(ctx, s.read, s.q(`SELECT `+userColumns+` FROM users WHERE id = ?`), scanUser, id)
	return u, s.wrap(err, "user")
}

// SetUserRole changes an account's role and notes it in the admin log.
func (s *Store) SetUserRole(ctx context.Context, id int64, role account.Role, e account.AdminEntry) (account.User, error) {
	var u account.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if err := scanUser(tx.QueryRowContext(ctx, s.q(`UPDATE users SET role = ? WHERE id = ? RETURNING `+userColumns), role, id), &u); err != nil {
			return s.wrap(err, "user")
		}
		return s.adminTx(ctx, tx, e)
	})
	return u, err
}

// SetDisabled disables an account (deleting its sessions, tokens and
// reset links) or enables it, and notes it in the admin log.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool, e account.AdminEntry) (account.User, error) {
	var u account.User
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var at any // NULL enables
		if disabled {
			at = e.At.UTC()
		}
		if err := scanUser(tx.QueryRowContext(ctx, s.q(`UPDATE users SET disabled_at = ? WHERE id = ? RETURNING `+userColumns), at, id), &u); err != nil {
			return s.wrap(err, "user")
		}
		if disabled {
			for _, q := range []string{`DELETE FROM tokens WHERE user_id = ?`, `DELETE FROM password_resets WHERE user_id = ?`} {
				if _, err := tx.ExecContext(ctx, s.q(q), id); err != nil {
					return err
				}
			}
		}
		return s.adminTx(ctx, tx, e)
	})
	return u, err
}

// Setting returns an instance setting's stored value.
func (s *Store) Setting(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT value FROM instance_settings WHERE name = ?`), name).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return v, err == nil, err
}

// PutSetting stores an instance setting and notes it in the admin log.
func (s *Store) PutSetting(ctx context.Context, name, value string, e account.AdminEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`
			INSERT INTO instance_settings (name, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`), name, value, e.At.UTC()); err != nil {
			return err
		}
		return s.adminTx(ctx, tx, e)
	})
}

// RecordAdmin appends an entry to the admin log.
func (s *Store) RecordAdmin(ctx context.Context, e account.AdminEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.adminTx(ctx, tx, e) })
}

func (s *Store) adminTx(ctx context.Context, tx *sql.Tx, e account.AdminEntry) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO admin_audit (actor_id, action, detail, at) VALUES (?, ?, ?, ?)`),
		e.ActorID, e.Action, e.Detail, e.At.UTC())
	return err
}

// AdminLog lists the admin log, newest first.
func (s *Store) AdminLog(ctx context.Context, limit int) ([]account.AdminEntry, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT a.id, COALESCE(a.actor_id, 0), COALESCE(u.name, ''), a.action, a.detail, a.at
		FROM admin_audit a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.id DESC LIMIT ?`),
		func(row scanner, e *account.AdminEntry) error {
			return row.Scan(&e.ID, &e.ActorID, &e.Actor, &e.Action, &e.Detail, &e.At)
		}, limit)
}
