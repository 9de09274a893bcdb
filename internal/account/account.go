// Package account holds users, their sessions and access tokens: registering,
// logging in and out, and finding who is behind a request.
package account

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
)

// Role decides what a user may do beyond their own data.
type Role string

const (
	Learner Role = "learner"
	Mentor  Role = "mentor"
	Admin   Role = "admin"
)

// Valid tells whether r is a known role.
func (r Role) Valid() bool { return r == Learner || r == Mentor || r == Admin }

// User is a person with an account.
type User struct {
	ID        int64
	Email     string
	Name      string
	Role      Role
	CreatedAt time.Time
	Disabled  bool // cannot log in; set by an instance admin
}

// TokenKind tells a browser or API session from a named personal token.
type TokenKind string

const (
	SessionToken  TokenKind = "session"
	PersonalToken TokenKind = "personal"
)

// Token describes a credential; its secret is never stored, only its hash.
type Token struct {
	ID        int64
	UserID    int64
	Kind      TokenKind
	Name      string
	CreatedAt time.Time
	ExpiresAt *time.Time // nil for personal tokens, which last until revoked
}

// NewUser is what the store needs to create an account.
type NewUser struct {
	Email        string
	Name         string
	PasswordHash string
	Role         Role // empty: admin for the first account, learner after
}

// Principal is who made a request, and with which token.
type Principal struct {
	User  User
	Token Token
}

// Store is the storage the account service needs.
type Store interface {
	CreateUser(ctx context.Context, u NewUser, at time.Time) (User, error)
	UserByEmail(ctx context.Context, email string) (User, string, error) // the user and their password hash
	SetRole(ctx context.Context, email string, role Role) (User, error)
	CreateToken(ctx context.Context, t Token, hash []byte) (Token, error)
	PrincipalByTokenHash(ctx context.Context, hash []byte, now time.Time) (Principal, error)
	Tokens(ctx context.Context, userID int64, kind TokenKind) ([]Token, error)
	DeleteToken(ctx context.Context, userID, tokenID int64) error
	DeleteTokens(ctx context.Context, userID int64) error // every session and personal token of the user
	// ChangePassword sets a new password hash and ends the user's other
	// sessions and pending reset links; keepSession is the token to keep.
	ChangePassword(ctx context.Context, userID int64, hash string, keepSession int64) error

	// CreateReset stores a reset link by the hash of its secret, unless the
	// user already has max live links (max 0: no bound); it tells whether it did.
	CreateReset(ctx context.Context, r Reset, hash []byte, max int) (bool, error)
	ResetUser(ctx context.Context, hash []byte, now time.Time) (User, error) // who a live link is for
	// ResetPassword uses a live link once: the new password hash is set and
	// every token and reset link of the user is deleted, in one transaction.
	ResetPassword(ctx context.Context, hash []byte, passwordHash string, now time.Time) error

	// UpdateCounters runs fn on the throttling counters of keys (in that
	// order; a missing one at level zero), locked against other instances
	// until fn's changes are stored; a counter left at level zero is deleted.
	// An error from fn changes nothing and is returned.
	UpdateCounters(ctx context.Context, keys [][]byte, now time.Time, fn func([]Counter) error) error

	// DeleteExpired removes expired sessions, reset links and counters.
	DeleteExpired(ctx context.Context, now time.Time) (int64, error)

	AdminStore
}

// Registration is what a person types to create an account.
type Registration struct {
	Email      string
	Password   string
	Name       string
	Invitation string // the secret of an invitation link, if one was used
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// normalise trims what people paste by accident and lower-cases the email.
func (r Registration) normalise() Registration {
	r.Email = NormaliseEmail(r.Email)
	r.Name = strings.TrimSpace(r.Name)
	r.Invitation = strings.TrimSpace(r.Invitation)
	return r
}

// NormaliseEmail trims an email and lower-cases it, as accounts store it.
func NormaliseEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// ValidEmail tells whether a normalised email is one address and nothing else.
func ValidEmail(email string) bool {
	a, err := mail.ParseAddress(email)
	return err == nil && a.Address == email && len(email) <= 254
}

// Validate names every field that is wrong.
func (r Registration) Validate() error {
	p := app.Problems{}
	validateEmail(p, r.Email)
	validatePassword(p, "password", r.Password)
	switch n := utf8.RuneCountInString(r.Name); {
	case n == 0:
		p.Add("name", "is required")
	case n > 100:
		p.Add("name", "must be at most 100 characters")
	}
	return p.Err()
}

// validatePassword holds every new password, typed in whichever form, to
// the same rules.
func validatePassword(p app.Problems, field, password string) {
	switch n := utf8.RuneCountInString(password); {
	case n < MinPasswordLen:
		p.Add(field, "must be at least 10 characters")
	case n > 256:
		p.Add(field, "must be at most 256 characters")
	}
}

func validateEmail(p app.Problems, email string) {
	if email == "" {
		p.Add("email", "is required")
		return
	}
	if !ValidEmail(email) {
		p.Add("email", "is not a valid email address")
	}
}

type principalKey struct{}

// WithPrincipal returns a context that carries who made the request. p is
// shared, not copied (a pointer fits the context without an allocation).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns who made the request, if anyone logged in.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(*Principal)
	if !ok {
		return Principal{}, false
	}
	return *p, true
}

// Require returns the logged-in principal or an Unauthorized error.
func Require(ctx context.Context) (Principal, error) {
	p, ok := FromContext(ctx)
	if !ok {
		return Principal{}, app.Errorf(app.Unauthorized, "log in first: send a session cookie or an Authorization: Bearer token")
	}
	return p, nil
}
