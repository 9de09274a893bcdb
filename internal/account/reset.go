package account

import (
	"context"
	"errors"
	"strings"
	"time"

	"devpath/internal/app"
)

// ResetTTL is how long a password reset link works.
const ResetTTL = 30 * time.Minute

// ResetPath is the page a reset link opens; the secret is its token parameter.
const ResetPath = "/password/reset"

// maxLiveResets bounds the links the "forgot password" form makes for one
// account at a time, so that it cannot flood a person's inbox; the links
// already sent keep working, so a flood cannot keep the owner out either.
const maxLiveResets = 3

// Reset is a password reset link; only the hash of its secret is stored.
type Reset struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// ResetSender delivers a password reset link to the person it is for.
type ResetSender interface {
	SendReset(ctx context.Context, u User, link string) error
}

// ResetLinks says where reset links point and who delivers them.
type ResetLinks struct {
	BaseURL string      // the site's public address
	Sender  ResetSender // nil until email is configured: the link is logged as made, not sent
}

// logResets stands in for email: it records that a link was made, never the
// link itself, which would let whoever reads the logs take the account.
type logResets struct{}

func (logResets) SendReset(ctx context.Context, u User, _ string) error {
	app.Logger(ctx).Info("password reset link made, not sent: no email is configured",
		"user_id", u.ID, "instead", "an admin can run: devpath user reset-link --email <their email>")
	return nil
}

// ErrResetGone answers a reset link that is unknown, used or expired.
var ErrResetGone = app.Errorf(app.NotFound, "this password reset link has expired or was already used: ask for a new one")

// RequestReset makes a reset link for the account of email, if there is
// one, and hands it to the sender. The answer is the same either way, so
// that the form tells no one who has an account.
func (s *Service) RequestReset(ctx context.Context, email, address string) error {
	if err := CheckResetRequest(email); err != nil {
		return err
	}
	email = NormaliseEmail(email)
	if err := s.admit(ctx, counted{counterKey("reset", addressKey(address)), resetLimit}); err != nil {
		return err
	}
	u, _, err := s.store.UserByEmail(ctx, email)
	if app.ErrorCode(err) == app.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	link, made, err := s.newReset(ctx, u, maxLiveResets)
	if err != nil || !made {
		return err
	}
	if err := s.resets.Sender.SendReset(ctx, u, link); err != nil {
		app.Logger(ctx).Error("send password reset link", "user_id", u.ID, "err", err)
	}
	return nil
}

// CheckResetRequest returns the problems RequestReset would find in email.
func CheckResetRequest(email string) error {
	p := app.Problems{}
	validateEmail(p, NormaliseEmail(email))
	return p.Err()
}

// ResetLink makes a reset link for an operator to hand over; an unknown
// email is NotFound, as the operator may know who has an account.
func (s *Service) ResetLink(ctx context.Context, email string) (string, error) {
	email = NormaliseEmail(email)
	u, _, err := s.store.UserByEmail(ctx, email)
	if app.ErrorCode(err) == app.NotFound {
		return "", app.Errorf(app.NotFound, "no account uses %s", email)
	}
	if err != nil {
		return "", err
	}
	link, _, err := s.newReset(ctx, u, 0)
	return link, err
}

// newReset stores a reset link for u unless u has max live ones already.
func (s *Service) newReset(ctx context.Context, u User, max int) (string, bool, error) {
	secret, now := NewSecret(), s.now()
	made, err := s.store.CreateReset(ctx, Reset{UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(ResetTTL)}, HashSecret(secret), max)
	return strings.TrimRight(s.resets.BaseURL, "/") + ResetPath + "?token=" + secret, made, err
}

// CheckReset tells who a reset link is for, or ErrResetGone.
func (s *Service) CheckReset(ctx context.Context, secret string) (User, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return User{}, ErrResetGone
	}
	u, err := s.store.ResetUser(ctx, HashSecret(secret), s.now())
	if app.ErrorCode(err) == app.NotFound {
		return User{}, ErrResetGone
	}
	return u, err
}

// CheckPasswordReset returns what ResetPassword would refuse: a link that
// no longer works first (a made-up one then costs no password hash), else
// the password's problems.
func (s *Service) CheckPasswordReset(ctx context.Context, secret, password string) error {
	_, err := s.checkPasswordReset(ctx, secret, password)
	return err
}

// checkPasswordReset is CheckPasswordReset, also telling whose link it is.
func (s *Service) checkPasswordReset(ctx context.Context, secret, password string) (User, error) {
	u, err := s.CheckReset(ctx, secret)
	if err != nil {
		return User{}, err
	}
	p := app.Problems{}
	validatePassword(p, "password", password)
	return u, p.Err()
}

// ResetPassword sets a new password through a reset link, once; every
// session and token of the account ends.
func (s *Service) ResetPassword(ctx context.Context, secret, password string) error {
	u, err := s.checkPasswordReset(ctx, secret, password)
	if err != nil {
		return err
	}
	defer s.known.dropUser(u.ID)
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	err = s.store.ResetPassword(ctx, HashSecret(secret), hash, s.now())
	if app.ErrorCode(err) == app.NotFound {
		return ErrResetGone // used meanwhile, from another tab
	}
	return err
}

// ChangePassword sets a new password for the person logged in, who must
// know the current one (counted like a login, so that a stolen session
// cannot guess it quickly). Their other sessions end; this one and their
// personal tokens stay. Every problem is named at once.
func (s *Service) ChangePassword(ctx context.Context, who Principal, current, next string) error {
	if err := s.checkCurrent(ctx, who, current, changeProblems(current, next)); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return err
	}
	defer s.known.dropUser(who.User.ID)
	return s.store.ChangePassword(ctx, who.User.ID, hash, who.Token.ID)
}

// CheckPasswordChange returns the problems ChangePassword would find,
// changing nothing. The current password is checked only beside other
// problems: with none, ChangePassword goes on to check it, and checking it
// twice would count two attempts and cost two hashes.
func (s *Service) CheckPasswordChange(ctx context.Context, who Principal, current, next string) error {
	p := changeProblems(current, next)
	if len(p) == 0 {
		return nil
	}
	return s.checkCurrent(ctx, who, current, p)
}

// changeProblems are a password change's problems found without the database.
func changeProblems(current, next string) app.Problems {
	p := app.Problems{}
	validatePassword(p, "new_password", next)
	if current == "" {
		p.Add("current_password", "is required")
	}
	return p
}

// checkCurrent adds to p whether current is not who's password, and
// returns the problems found.
func (s *Service) checkCurrent(ctx context.Context, who Principal, current string, p app.Problems) error {
	if current == "" {
		return p.Err()
	}
	_, err := s.checkPassword(ctx, who.User.Email, current, app.ClientAddress(ctx))
	if errors.Is(err, errBadLogin) {
		p.Add("current_password", "is not the one you log in with")
	} else if err != nil {
		return err
	}
	return p.Err()
}

// LogoutEverywhere ends every session and revokes every personal token of
// the person, the one this request came with included.
func (s *Service) LogoutEverywhere(ctx context.Context, who Principal) error {
	defer s.known.dropUser(who.User.ID)
	return s.store.DeleteTokens(ctx, who.User.ID)
}
