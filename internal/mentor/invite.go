package mentor

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// CodePrefix starts every mentor invitation code, so that registration
// tells them from a cohort's.
const CodePrefix = "mentor_"

// InviteFor is how long an invitation stays good.
const InviteFor = 30 * 24 * time.Hour

// Invitation is a learner's invitation to someone to be their mentor.
type Invitation struct {
	ID          int64      `json:"id"`
	LearnerID   int64      `json:"learner_id"`
	LearnerName string     `json:"learner_name"`
	Email       string     `json:"email" doc:"empty for a link anyone holding it may use, once"`
	ExpiresAt   time.Time  `json:"expires_at"`
	AcceptedBy  *int64     `json:"accepted_by"`
	AcceptedAt  *time.Time `json:"accepted_at"`
	CreatedAt   time.Time  `json:"created_at"`
}

// Live tells whether the invitation can still be taken up at now.
func (i Invitation) Live(now time.Time) bool { return i.AcceptedBy == nil && now.Before(i.ExpiresAt) }

// CheckInvite names what is wrong with an invitation's email (which may
// be empty: a link).
func CheckInvite(email string) error {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return app.FieldError("email", "not a valid email address")
	}
	return nil
}

// Invite makes an invitation to be who's mentor; the code it returns is
// shown once (in the link), only its hash is kept.
func (s *Service) Invite(ctx context.Context, who account.User, email string) (Invitation, string, error) {
	if err := CheckInvite(email); err != nil {
		return Invitation{}, "", err
	}
	code := CodePrefix + account.NewSecret()
	now := s.now().UTC()
	inv := Invitation{LearnerID: who.ID, Email: account.NormaliseEmail(strings.TrimSpace(email)), ExpiresAt: now.Add(InviteFor), CreatedAt: now}
	inv, err := s.store.CreateMentorInvitation(ctx, inv, account.HashSecret(code))
	return inv, code, err
}

// Invitations lists the invitations who sent.
func (s *Service) Invitations(ctx context.Context, who account.User) ([]Invitation, error) {
	return s.store.LearnerMentorInvitations(ctx, who.ID)
}

// Lookup finds the live invitation a code stands for.
func (s *Service) Lookup(ctx context.Context, code string) (Invitation, error) {
	inv, err := s.store.MentorInvitationByHash(ctx, account.HashSecret(strings.TrimSpace(code)))
	switch {
	case app.ErrorCode(err) == app.NotFound:
		return Invitation{}, app.FieldError("invitation", "is not a valid mentor invitation")
	case err != nil:
		return Invitation{}, err
	case !inv.Live(s.now()):
		return Invitation{}, app.FieldError("invitation", "has expired or was taken up: ask the learner for a new one")
	}
	return inv, nil
}

// Accept makes who the mentor of the learner who sent the invitation: a
// learner becomes a mentor by it (an admin stays an admin).
func (s *Service) Accept(ctx context.Context, who account.User, code string) (Invitation, error) {
	inv, err := s.Lookup(ctx, code)
	if err != nil {
		return Invitation{}, err
	}
	if inv.LearnerID == who.ID {
		return Invitation{}, app.FieldError("invitation", "is your own: send it to the person you want as a mentor")
	}
	if inv.Email != "" && inv.Email != who.Email {
		return Invitation{}, app.FieldError("invitation", "was sent to another email address")
	}
	if who.Role == account.Learner && s.src.Promote != nil {
		if err := s.src.Promote(ctx, who); err != nil {
			return Invitation{}, err
		}
	}
	return s.store.AcceptMentorInvitation(ctx, inv.ID, who.ID, s.now().UTC())
}

// AcceptEmail takes up every live invitation sent to who's email.
func (s *Service) AcceptEmail(ctx context.Context, who account.User) error {
	pending, err := s.store.PendingMentorInvitations(ctx, who.Email, s.now())
	if err != nil || len(pending) == 0 {
		return err
	}
	if who.Role == account.Learner && s.src.Promote != nil {
		if err := s.src.Promote(ctx, who); err != nil {
			return err
		}
	}
	for _, inv := range pending {
		if _, err := s.store.AcceptMentorInvitation(ctx, inv.ID, who.ID, s.now().UTC()); err != nil {
			return err
		}
	}
	return nil
}

// Admit lets a person register, while registration is by invitation,
// with a live mentor invitation's code or one sent to their email.
func (s *Service) Admit(ctx context.Context, email, code string) error {
	if code != "" {
		_, err := s.Lookup(ctx, code)
		return err
	}
	pending, err := s.store.PendingMentorInvitations(ctx, account.NormaliseEmail(email), s.now())
	if err != nil {
		return err
	}
	if len(pending) == 0 {
		return app.FieldError("invitation", "is required on this site")
	}
	return nil
}

// Welcome makes a new account the mentor of whoever invited it.
func (s *Service) Welcome(ctx context.Context, u account.User, code string) error {
	if code != "" {
		if _, err := s.Accept(ctx, u, code); err != nil {
			return err
		}
		u.Role = account.Mentor
	}
	return s.AcceptEmail(ctx, u)
}
