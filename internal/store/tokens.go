package store

import (
	"context"
	"time"

	"devpath/internal/account"
)

// CreateToken stores a token by the hash of its secret.
func (s *Store) CreateToken(ctx context.Context, t account.Token, hash []byte) (account.Token, error) {
	t.CreatedAt = t.CreatedAt.UTC()
	if t.ExpiresAt != nil {
		e := t.ExpiresAt.UTC()
		t.ExpiresAt = &e
	}
	err := s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO tokens (user_id, kind, name, hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
		t.UserID, t.Kind, t.Name, hash, t.CreatedAt, t.ExpiresAt).Scan(&t.ID)
	return t, s.wrap(err, "token")
}

// PrincipalByTokenHash finds the user holding an unexpired token.
func (s *Store) PrincipalByTokenHash(ctx context.Context, hash []byte, now time.Time) (account.Principal, error) {
	var p account.Principal
	st, err := s.prepared(ctx, s.read, `
		SELECT u.id, u.email, u.name, u.role, u.created_at,
		       t.id, t.kind, t.name, t.created_at, t.expires_at
		FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.disabled_at IS NULL`)
	if err != nil {
		return p, err
	}
	err = st.QueryRowContext(ctx, hash, now.UTC()).
		Scan(&p.User.ID, &p.User.Email, &p.User.Name, &p.User.Role, &p.User.CreatedAt,
			&p.Token.ID, &p.Token.Kind, &p.Token.Name, &p.Token.CreatedAt, &p.Token.ExpiresAt)
	p.Token.UserID = p.User.ID
	return p, s.wrap(err, "token")
}

// Tokens lists a user's tokens of one kind, newest first.
func (s *Store) Tokens(ctx context.Context, userID int64, kind account.TokenKind) ([]account.Token, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT id, user_id, kind, name, created_at, expires_at FROM tokens
		WHERE user_id = ? AND kind = ? ORDER BY id DESC`),
		func(rows scanner, t *account.Token) error {
			return rows.Scan(&t.ID, &t.UserID, &t.Kind, &t.Name, &t.CreatedAt, &t.ExpiresAt)
		}, userID, kind)
}

// DeleteToken deletes a user's token; another user's token is NotFound.
func (s *Store) DeleteToken(ctx context.Context, userID, tokenID int64) error {
	res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM tokens WHERE id = ? AND user_id = ?`), tokenID, userID)
	return affected(res, err, "token %d not found", tokenID)
}

// DeleteTokens deletes every session and personal token of a user.
func (s *Store) DeleteTokens(ctx context.Context, userID int64) error {
	_, err := s.write.ExecContext(ctx, s.q(`DELETE FROM tokens WHERE user_id = ?`), userID)
	return err
}

// DeleteExpired removes sessions, reset links and throttling counters past their expiry.
func (s *Store) DeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	var total int64
	for _, table := range []string{"tokens", "password_resets", "throttle_counters"} {
		res, err := s.write.ExecContext(ctx, s.q(`DELETE FROM `+table+` WHERE expires_at <= ?`), now.UTC())
		if err != nil {
			return total, err
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}
