package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"devpath/internal/cohort"
)

const invitationColumns = `i.id, i.cohort_id, c.name, COALESCE(i.email, ''), i.seats, i.used, i.expires_at,
	COALESCE(i.created_by, 0), i.created_at, i.accepted_at`

func scanInvitation(row scanner, i *cohort.Invitation) error {
	return row.Scan(&i.ID, &i.CohortID, &i.CohortName, &i.Email, &i.Seats, &i.Used, &i.ExpiresAt,
		&i.CreatedBy, &i.CreatedAt, &i.AcceptedAt)
}

// InviteEmail stores an email invitation in a transaction of its own. An
// invitation that expired or was taken up (by someone who has since left)
// is renewed; a waiting one is reported.
func (s *Store) InviteEmail(ctx context.Context, inv cohort.Invitation, letter bool) (cohort.Outcome, error) {
	outcome := cohort.Invited
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, s.q(`
			SELECT COUNT(*) FROM cohort_members m JOIN users u ON u.id = m.user_id
			WHERE m.cohort_id = ? AND u.email = ?`), inv.CohortID, inv.Email).Scan(&n)
		if err != nil || n > 0 {
			outcome = cohort.AlreadyMember
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, s.q(`
			INSERT INTO cohort_invitations (cohort_id, email, expires_at, created_by, created_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (email, cohort_id) WHERE email IS NOT NULL DO UPDATE
			SET expires_at = excluded.expires_at, created_by = excluded.created_by,
				created_at = excluded.created_at, accepted_at = NULL
			WHERE cohort_invitations.accepted_at IS NOT NULL OR cohort_invitations.expires_at <= excluded.created_at
			RETURNING id`), inv.CohortID, inv.Email, inv.ExpiresAt.UTC(), inv.CreatedBy, inv.CreatedAt.UTC()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			outcome = cohort.AlreadyInvited
			return nil
		}
		if err != nil || !letter {
			return err
		}
		return s.enqueue(ctx, tx, cohort.LetterJob{InvitationID: id})
	})
	return outcome, s.wrap(err, "invitation")
}

// CreateLink stores an invitation link by the hash of its secret.
func (s *Store) CreateLink(ctx context.Context, inv cohort.Invitation, hash []byte) (cohort.Invitation, error) {
	err := s.write.QueryRowContext(ctx, s.q(`
		INSERT INTO cohort_invitations (cohort_id, code_hash, seats, expires_at, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`),
		inv.CohortID, hash, inv.Seats, inv.ExpiresAt.UTC(), inv.CreatedBy, inv.CreatedAt.UTC()).Scan(&inv.ID)
	if err != nil {
		return cohort.Invitation{}, s.wrap(err, "invitation")
	}
	return s.Invitation(ctx, inv.ID)
}

// Invitation returns one invitation.
func (s *Store) Invitation(ctx context.Context, id int64) (cohort.Invitation, error) {
	inv, err := queryOne(ctx, s.read, s.q(`SELECT `+invitationColumns+`
		FROM cohort_invitations i JOIN cohorts c ON c.id = i.cohort_id WHERE i.id = ?`), scanInvitation, id)
	return inv, s.wrap(err, "invitation")
}

// Link finds a link invitation by the hash of its secret.
func (s *Store) Link(ctx context.Context, hash []byte) (cohort.Invitation, error) {
	inv, err := queryOne(ctx, s.read, s.q(`SELECT `+invitationColumns+`
		FROM cohort_invitations i JOIN cohorts c ON c.id = i.cohort_id WHERE i.code_hash = ?`), scanInvitation, hash)
	return inv, s.wrap(err, "invitation")
}

// UseLink takes a seat of a live link and adds user to its cohort, both or neither.
func (s *Store) UseLink(ctx context.Context, hash []byte, user int64, now time.Time) (cohort.Invitation, error) {
	var id, cohortID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`
			UPDATE cohort_invitations SET used = used + 1
			WHERE code_hash = ? AND expires_at > ? AND (seats = 0 OR used < seats)
			RETURNING id, cohort_id`), hash, now.UTC()).Scan(&id, &cohortID)
		if err != nil {
			return err
		}
		return s.memberTx(ctx, tx, cohortID, user, now)
	})
	if err := s.wrap(err, "live invitation"); err != nil {
		return cohort.Invitation{}, err
	}
	return s.Invitation(ctx, id)
}

// Invitations lists a cohort's invitations, newest first.
func (s *Store) Invitations(ctx context.Context, id int64) ([]cohort.Invitation, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+invitationColumns+`
		FROM cohort_invitations i JOIN cohorts c ON c.id = i.cohort_id
		WHERE i.cohort_id = ? ORDER BY i.id DESC`), scanInvitation, id)
}

// PendingInvitations lists the live email invitations to email.
func (s *Store) PendingInvitations(ctx context.Context, email string, now time.Time) ([]cohort.Invitation, error) {
	return queryAll(ctx, s.read, s.q(`SELECT `+invitationColumns+`
		FROM cohort_invitations i JOIN cohorts c ON c.id = i.cohort_id
		WHERE i.email = ? AND i.accepted_at IS NULL AND i.expires_at > ? ORDER BY i.id`), scanInvitation, email, now.UTC())
}

// AcceptInvitation takes up a live email invitation to email and adds user
// to its cohort (a learner there already stays one), both or neither.
func (s *Store) AcceptInvitation(ctx context.Context, id, user int64, email string, now time.Time) (cohort.Invitation, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var cohortID int64
		err := tx.QueryRowContext(ctx, s.q(`
			UPDATE cohort_invitations SET accepted_at = ?
			WHERE id = ? AND email = ? AND accepted_at IS NULL AND expires_at > ?
			RETURNING cohort_id`), now.UTC(), id, email, now.UTC()).Scan(&cohortID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`
			INSERT INTO cohort_members (cohort_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
			cohortID, user, now.UTC())
		return err
	})
	if err := s.wrap(err, "invitation"); err != nil {
		return cohort.Invitation{}, err
	}
	return s.Invitation(ctx, id)
}
