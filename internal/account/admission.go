package account

import (
	"context"

	"devpath/internal/app"
)

// Mode says who may create an account on this instance.
type Mode string

const (
	// Open lets anyone register: a learner's laptop.
	Open Mode = "open"
	// ByInvitation lets in only people a cohort invited, by email or link.
	ByInvitation Mode = "invite"
	// Closed lets nobody register; an operator creates accounts.
	Closed Mode = "closed"
)

// Valid tells whether m is a known mode.
func (m Mode) Valid() bool { return m == Open || m == ByInvitation || m == Closed }

// Invitations are what lets a person in while registration is by
// invitation, and what they join once their account exists.
type Invitations interface {
	// Admit returns nil when email is invited, by its own invitation or
	// through code, the secret of an invitation link (may be empty).
	Admit(ctx context.Context, email, code string) error
	// Welcome makes a new account a member of what it was invited to.
	Welcome(ctx context.Context, u User, code string) error
}

// Admission sets the registration mode and the invitations that decide who
// is let in; until it is called, registration is open and nobody is welcomed.
func (s *Service) Admission(m Mode, inv Invitations) {
	s.mode, s.invites = m, inv
}

var (
	errClosed    = app.Errorf(app.Forbidden, "registration is closed on this site: ask its admin for an account")
	errNotInvite = &app.Error{Code: app.Forbidden, Message: "registration on this site is by invitation: use the link you were sent",
		Fields: map[string]string{"invitation": "is required on this site"}}
)

// letIn refuses a registration the mode does not allow. An invitation
// code is checked in every mode, so that a bad link is told, not ignored.
func (s *Service) letIn(ctx context.Context, r Registration) error {
	switch s.RegistrationMode(ctx) {
	case Closed:
		return errClosed
	case ByInvitation:
		if s.invites == nil {
			return errNotInvite
		}
		return s.invites.Admit(ctx, r.Email, r.Invitation)
	}
	if r.Invitation != "" && s.invites != nil {
		return s.invites.Admit(ctx, r.Email, r.Invitation)
	}
	return nil
}

// welcome lets the invitations place a new account; a failure there (a
// link's last seat taken meanwhile) leaves the account made, and is logged.
func (s *Service) welcome(ctx context.Context, u User, code string) {
	if s.invites == nil {
		return
	}
	if err := s.invites.Welcome(ctx, u, code); err != nil {
		app.Logger(ctx).Warn("joining what the new account was invited to", "user", u.ID, "err", err)
	}
}
