package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/account"
)

// ChangePassword sets a user's password hash and ends their other sessions.
func (s *Store) ChangePassword(ctx context.Context, userID int64, hash string, keepSession int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := s.setPassword(ctx, tx, userID, hash); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM tokens WHERE user_id = ? AND kind = ? AND id <> ?`),
			userID, account.SessionToken, keepSession)
		return err
	})
}

// setPassword sets the hash and drops pending reset links: whoever set it
// knows the password now.
func (s *Store) setPassword(ctx context.Context, tx *sql.Tx, userID int64, hash string) error {
	res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, userID)
	if err := affected(res, err, "user %d not found", userID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, s.q(`DELETE FROM password_resets WHERE user_id = ?`), userID)
	return err
}

// CreateReset stores a reset link unless the user has max live ones (max 0: no bound).
func (s *Store) CreateReset(ctx context.Context, r account.Reset, hash []byte, max int) (bool, error) {
	made := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if max > 0 {
			var live int
			err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM password_resets WHERE user_id = ? AND expires_at > ?`),
				r.UserID, r.CreatedAt.UTC()).Scan(&live)
			if err != nil || live >= max {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO password_resets (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`),
			hash, r.UserID, r.CreatedAt.UTC(), r.ExpiresAt.UTC())
		made = err == nil
		return err
	})
	return made, s.wrap(err, "password reset link")
}

// ResetUser returns the user a live reset link is for.
func (s *Store) ResetUser(ctx context.Context, hash []byte, now time.Time) (account.User, error) {
	var u account.User
	err := s.read.QueryRowContext(ctx, s.q(`
		SELECT u.id, u.email, u.name, u.role, u.created_at
		FROM password_resets r JOIN users u ON u.id = r.user_id
		WHERE r.hash = ? AND r.expires_at > ?`), hash, now.UTC()).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CreatedAt)
	return u, s.wrap(err, "password reset link")
}

// ResetPassword uses a live reset link once: it is deleted as the password
// is set, with every token and other link of the user, in one transaction,
// so that two uses at once cannot both succeed.
func (s *Store) ResetPassword(ctx context.Context, hash []byte, passwordHash string, now time.Time) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var userID int64
		err := tx.QueryRowContext(ctx, s.q(`DELETE FROM password_resets WHERE hash = ? AND expires_at > ? RETURNING user_id`),
			hash, now.UTC()).Scan(&userID)
		if err != nil {
			return err
		}
		if err := s.setPassword(ctx, tx, userID, passwordHash); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`DELETE FROM tokens WHERE user_id = ?`), userID)
		return err
	})
	return s.wrap(err, "password reset link")
}
