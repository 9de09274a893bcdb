package store

import (
	"context"
	"database/sql"
	"time"

	"devpath/internal/account"
)

var _ account.Store = (*Store)(nil)

// CreateUser inserts a user; without a role the first user is admin, the rest learners.
func (s *Store) CreateUser(ctx context.Context, nu account.NewUser, at time.Time) (account.User, error) {
	u := account.User{Email: nu.Email, Name: nu.Name, CreatedAt: at.UTC()}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if lock := s.dialect.lockUsers(); lock != "" {
			if _, err := tx.ExecContext(ctx, lock); err != nil {
				return err
			}
		}
		role := nu.Role
		if role == "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1) AS one`).Scan(&n); err != nil {
				return err
			}
			role = account.Learner
			if n == 0 {
				role = account.Admin
			}
		}
		u.Role = role
		return tx.QueryRowContext(ctx, s.q(`
			INSERT INTO users (email, name, password_hash, role, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`),
			nu.Email, nu.Name, nu.PasswordHash, role, u.CreatedAt).Scan(&u.ID)
	})
	return u, s.wrap(err, "user")
}

// UserByEmail returns the user with email and their password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (account.User, string, error) {
	var u account.User
	var hash string
	err := s.read.QueryRowContext(ctx, s.q(`
		SELECT id, email, name, role, created_at, disabled_at IS NOT NULL, password_hash FROM users WHERE email = ?`), email).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CreatedAt, &u.Disabled, &hash)
	return u, hash, s.wrap(err, "user")
}

// SetRole changes the role of the user with email.
func (s *Store) SetRole(ctx context.Context, email string, role account.Role) (account.User, error) {
	var u account.User
	err := s.write.QueryRowContext(ctx, s.q(`
		UPDATE users SET role = ? WHERE email = ? RETURNING id, email, name, role, created_at`), role, email).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CreatedAt)
	return u, s.wrap(err, "user")
}
