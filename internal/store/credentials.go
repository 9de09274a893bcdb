package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"devpath/internal/app"
	"devpath/internal/credential"
)

var _ credential.Store = (*Store)(nil)

// CredentialKeys returns the issuer's keys, newest first.
func (s *Store) CredentialKeys(ctx context.Context) ([]credential.Key, error) {
	return queryAll(ctx, s.read, s.q(`SELECT id, jwk, created_at, retired_at FROM credential_keys ORDER BY id DESC`),
		func(row scanner, k *credential.Key) error {
			var jwk string
			if err := row.Scan(&k.ID, &jwk, &k.CreatedAt, &k.RetiredAt); err != nil {
				return err
			}
			return json.Unmarshal([]byte(jwk), &k.JWK)
		})
}

// AddCredentialKey stores a new signing key.
func (s *Store) AddCredentialKey(ctx context.Context, k credential.Key) error {
	jwk, err := json.Marshal(k.JWK)
	if err != nil {
		return err
	}
	_, err = s.write.ExecContext(ctx, s.q(`INSERT INTO credential_keys (kid, jwk, created_at) VALUES (?, ?, ?)`),
		k.JWK.KeyID, string(jwk), k.CreatedAt.UTC())
	return s.wrap(err, "credential key")
}

// RetireCredentialKeys retires every key still signing.
func (s *Store) RetireCredentialKeys(ctx context.Context, at time.Time) error {
	_, err := s.write.ExecContext(ctx, s.q(`UPDATE credential_keys SET retired_at = ? WHERE retired_at IS NULL`), at.UTC())
	return s.wrap(err, "")
}

const credentialColumns = `id, user_id, achievement, param, uuid, name, jwt, state, public,
	issued_at, accepted_at, revoked_at, revoked_why`

func scanCredential(row scanner, c *credential.Issued) error {
	return row.Scan(&c.ID, &c.UserID, &c.Achievement, &c.Param, &c.UUID, &c.Name, &c.JWT, &c.State, &c.Public,
		&c.IssuedAt, &c.AcceptedAt, &c.RevokedAt, &c.RevokedWhy)
}

// AddCredential stores a credential and signs it in one transaction: the
// row's id is its place in the status list and the learner's email its
// hashed identifier, both needed before signing. An award the learner
// already holds is left alone.
func (s *Store) AddCredential(ctx context.Context, c credential.Issued, sign credential.Signer) (credential.Issued, bool, error) {
	created := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var email string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT email FROM users WHERE id = ?`), c.UserID).Scan(&email); err != nil {
			return err // no rows: the user is not found
		}
		err := tx.QueryRowContext(ctx, s.q(`
			INSERT INTO credentials (user_id, achievement, param, uuid, name, state, issued_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (user_id, achievement, param) DO NOTHING RETURNING id`),
			c.UserID, c.Achievement, c.Param, c.UUID, c.Name, c.State, c.IssuedAt.UTC()).Scan(&c.ID)
		if err == sql.ErrNoRows {
			return s.scanOne(ctx, tx, &c, `WHERE user_id = ? AND achievement = ? AND param = ?`, c.UserID, c.Achievement, c.Param)
		}
		if err != nil {
			return err
		}
		if c.JWT, err = sign(c.ID, email); err != nil {
			return err
		}
		created = true
		_, err = tx.ExecContext(ctx, s.q(`UPDATE credentials SET jwt = ? WHERE id = ?`), c.JWT, c.ID)
		return err
	})
	return c, created, s.wrap(err, "user")
}

func (s *Store) scanOne(ctx context.Context, tx *sql.Tx, c *credential.Issued, where string, args ...any) error {
	return scanCredential(tx.QueryRowContext(ctx, s.q(`SELECT `+credentialColumns+` FROM credentials `+where), args...), c)
}

// Credentials lists a learner's credentials, newest first.
func (s *Store) Credentials(ctx context.Context, user int64) ([]credential.Issued, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+credentialColumns+` FROM credentials WHERE user_id = ? ORDER BY id DESC`),
		scanCredential, user)
}

// Credential returns one of a learner's credentials; another's is NotFound.
func (s *Store) Credential(ctx context.Context, user, id int64) (credential.Issued, error) {
	c, err := queryOne(ctx, s.read, s.q(`SELECT `+credentialColumns+` FROM credentials WHERE id = ? AND user_id = ?`),
		scanCredential, id, user)
	return c, s.wrap(err, "credential")
}

// AcceptCredential makes a pending credential accepted; accepting twice keeps the first time.
func (s *Store) AcceptCredential(ctx context.Context, user, id int64, at time.Time) (credential.Issued, error) {
	c, err := queryOne(ctx, s.write, s.q(`
		UPDATE credentials SET state = 'accepted', accepted_at = COALESCE(accepted_at, ?)
		WHERE id = ? AND user_id = ? RETURNING `+credentialColumns), scanCredential, at.UTC(), id, user)
	return c, s.wrap(err, "credential")
}

// ShowCredential sets whether an accepted credential is on the public page.
func (s *Store) ShowCredential(ctx context.Context, user, id int64, public bool) (credential.Issued, error) {
	c, err := queryOne(ctx, s.write, s.q(`
		UPDATE credentials SET public = ? WHERE id = ? AND user_id = ? AND state = 'accepted'
		RETURNING `+credentialColumns), scanCredential, public, id, user)
	if err == sql.ErrNoRows {
		if _, err := s.Credential(ctx, user, id); err != nil {
			return c, err
		}
		return c, app.Errorf(app.Conflict, "accept the credential before showing it")
	}
	return c, s.wrap(err, "credential")
}

// RevokeCredential marks any learner's credential revoked; revoking twice keeps the first.
func (s *Store) RevokeCredential(ctx context.Context, id int64, why string, at time.Time) (credential.Issued, error) {
	c, err := queryOne(ctx, s.write, s.q(`
		UPDATE credentials SET revoked_at = COALESCE(revoked_at, ?), revoked_why = ? WHERE id = ?
		RETURNING `+credentialColumns), scanCredential, at.UTC(), why, id)
	return c, s.wrap(err, "credential")
}

// RevokedSerials lists the ids of revoked credentials in [from, to).
func (s *Store) RevokedSerials(ctx context.Context, from, to int64) ([]int64, error) {
	return queryAll(ctx, s.read, s.q(`SELECT id FROM credentials WHERE revoked_at IS NOT NULL AND id >= ? AND id < ? ORDER BY id`),
		func(row scanner, id *int64) error { return row.Scan(id) }, from, to)
}

// FindCredentials lists issued credentials with their learners, newest first.
func (s *Store) FindCredentials(ctx context.Context, f credential.Filter) ([]credential.Listed, error) {
	q := `SELECT c.` + strings.ReplaceAll(credentialColumns, ", ", ", c.") + `, u.name, u.email
		FROM credentials c JOIN users u ON u.id = c.user_id WHERE 1 = 1`
	var args []any
	if f.Learner != "" {
		q += ` AND (LOWER(u.name) LIKE ? OR LOWER(u.email) LIKE ?)`
		like := "%" + likeEscape(strings.ToLower(f.Learner)) + "%"
		args = append(args, like, like)
	}
	if f.Achievement != "" {
		q += ` AND c.achievement = ?`
		args = append(args, f.Achievement)
	}
	if f.Param != "" {
		q += ` AND c.param = ?`
		args = append(args, f.Param)
	}
	switch f.Status {
	case credential.StatusRevoked:
		q += ` AND c.revoked_at IS NOT NULL`
	case credential.StatusPending, credential.StatusAccepted:
		q += ` AND c.revoked_at IS NULL AND c.state = ?`
		args = append(args, string(f.Status))
	}
	q += ` ORDER BY c.id DESC LIMIT ?`
	args = append(args, f.Limit)
	return queryAll(ctx, s.read, s.q(q), func(row scanner, l *credential.Listed) error {
		c := &l.Issued
		return row.Scan(&c.ID, &c.UserID, &c.Achievement, &c.Param, &c.UUID, &c.Name, &c.JWT, &c.State, &c.Public,
			&c.IssuedAt, &c.AcceptedAt, &c.RevokedAt, &c.RevokedWhy, &l.LearnerName, &l.LearnerEmail)
	}, args...)
}

// RecordCredentialAudit appends an entry to the issuer's audit log.
func (s *Store) RecordCredentialAudit(ctx context.Context, e credential.AuditEntry) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO credential_audit (actor_id, action, credential_id, detail, at) VALUES (?, ?, ?, ?, ?)`),
		nullID(e.ActorID), e.Action, nullID(e.CredentialID), e.Detail, e.At.UTC())
	return err
}

// CredentialAudit lists the issuer's audit entries, newest first.
func (s *Store) CredentialAudit(ctx context.Context, limit int) ([]credential.AuditEntry, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT a.id, COALESCE(a.actor_id, 0), COALESCE(u.name, ''), a.action, COALESCE(a.credential_id, 0), a.detail, a.at
		FROM credential_audit a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.id DESC LIMIT ?`),
		func(row scanner, e *credential.AuditEntry) error {
			return row.Scan(&e.ID, &e.ActorID, &e.Actor, &e.Action, &e.CredentialID, &e.Detail, &e.At)
		}, limit)
}

// nullID stores 0 (the command line, or nothing) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// SweepMark is the last progress history id the credential sweep has read.
func (s *Store) SweepMark(ctx context.Context) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT history_id FROM credential_sweep WHERE id = 1`).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, err
}

// SetSweepMark records how far the sweep has read.
func (s *Store) SetSweepMark(ctx context.Context, historyID int64) error {
	_, err := s.write.ExecContext(ctx, s.q(`
		INSERT INTO credential_sweep (id, history_id) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET history_id = excluded.history_id`), historyID)
	return err
}
