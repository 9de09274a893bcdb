package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
)

// SessionTTL is how long a login lasts.
const SessionTTL = 30 * 24 * time.Hour

// tokenPrefix marks devpath secrets, so that secret scanners can spot a leaked one.
const tokenPrefix = "dp_"

// Service is the account business: registration, login, tokens, passwords.
type Service struct {
	store   Store
	hasher  *Hasher
	now     func() time.Time
	signups *Limiter // registrations per client address; nil for no limit
	resets  ResetLinks
	mode    Mode        // who may register; see Admission
	invites Invitations // who is invited, and what they join
	known   *principalCache
}

// dummyHash is verified against when the email is unknown, so that both
// failures take as long. It hashes a password nobody has, with the same
// parameters as real hashes; being fixed, it costs nothing at start.
const dummyHash = "$argon2id$v=19$m=9216,t=4,p=1$8KS4brsj0Yo4NwJeOiPl/Q$9r+NvPQG7xJmYvGF6oTmUkmjNwAVYGJmPrmyYmmx0pc"

// NewService returns the account service; now is the clock. perHour bounds
// registrations per client address, all of them at once at most; 0 for none.
// Reset links point at links.BaseURL and go to links.Sender.
func NewService(store Store, now func() time.Time, perHour int, links ResetLinks) *Service {
	if links.Sender == nil {
		links.Sender = logResets{}
	}
	s := &Service{store: store, hasher: NewHasher(), now: now, resets: links, known: newPrincipalCache()}
	if perHour > 0 {
		s.signups = NewLimiter(perHour, time.Hour/time.Duration(perHour))
	}
	return s
}

// Register creates an account, if the registration mode lets the person
// in; the first one becomes admin. A client address that registers too
// many accounts is told to wait. The new account joins what it was invited to.
func (s *Service) Register(ctx context.Context, r Registration) (User, error) {
	r = r.normalise()
	if err := s.letIn(ctx, r); err != nil {
		return User{}, err
	}
	if !s.allowSignup(ctx) {
		return User{}, errTooManySignups
	}
	u, err := s.create(ctx, r, "")
	if err == nil {
		s.welcome(ctx, u, r.Invitation)
	}
	return u, err
}

var errTooManySignups = app.Errorf(app.TooMany, "too many new accounts from your address; try again in an hour")

// allowSignup spends one of the client address's registrations.
func (s *Service) allowSignup(ctx context.Context) bool {
	addr := app.ClientAddress(ctx)
	return s.signups == nil || addr == "" || s.signups.Allow(addr, s.now())
}

// CheckRegistration returns the problems Register would find in r, a taken
// email among them, without creating anything. Looking the email up spends
// one of the address's registrations, as Register does: otherwise anyone
// could learn, without limit, which emails have an account.
func (s *Service) CheckRegistration(ctx context.Context, r Registration) error {
	r = r.normalise()
	err := r.Validate()
	if aerr := s.letIn(ctx, r); app.ErrorCode(aerr) == app.Invalid {
		err = app.Merge(err, aerr)
	}
	if !mayBeTaken(err) {
		return err
	}
	if !s.allowSignup(ctx) {
		return errTooManySignups
	}
	return s.withEmailTaken(ctx, r.Email, err)
}

// CreateUser creates an account with a given role, for operators.
func (s *Service) CreateUser(ctx context.Context, r Registration, role Role) (User, error) {
	if !role.Valid() {
		return User{}, app.FieldError("role", "must be one of learner, mentor, admin")
	}
	return s.create(ctx, r, role)
}

// SetRole changes the role of the account of email, for operators. This
// instance forgets the account's cached sessions at once; others within
// principalTTL.
func (s *Service) SetRole(ctx context.Context, email string, role Role) (User, error) {
	if !role.Valid() {
		return User{}, app.FieldError("role", "must be one of learner, mentor, admin")
	}
	u, err := s.store.SetRole(ctx, NormaliseEmail(email), role)
	if err == nil {
		s.known.dropUser(u.ID)
	}
	return u, err
}

func (s *Service) create(ctx context.Context, r Registration, role Role) (User, error) {
	r = r.normalise()
	if err := r.Validate(); err != nil {
		return User{}, s.withEmailTaken(ctx, r.Email, err)
	}
	hash, err := s.hasher.Hash(ctx, r.Password)
	if err != nil {
		return User{}, err
	}
	u, err := s.store.CreateUser(ctx, NewUser{Email: r.Email, Name: r.Name, PasswordHash: hash, Role: role}, s.now())
	if app.ErrorCode(err) == app.Conflict {
		return User{}, &app.Error{Code: app.Conflict, Message: "an account with this email already exists",
			Fields: map[string]string{"email": "is already registered"}}
	}
	return u, err
}

// withEmailTaken adds "already registered" to the problems of a refused
// registration, so that a person learns everything wrong with the form at
// once rather than fixing the password first to hear about the email.
func (s *Service) withEmailTaken(ctx context.Context, email string, err error) error {
	if !mayBeTaken(err) {
		return err
	}
	if _, _, lookup := s.store.UserByEmail(ctx, email); lookup != nil {
		return err // unknown (or unreadable): the problems found stand alone
	}
	p := app.Problems{"email": "is already registered"}
	return app.Merge(p.Err(), err)
}

// mayBeTaken tells whether err refuses a registration on fields other than
// its email, which is then worth looking up.
func mayBeTaken(err error) bool {
	var e *app.Error
	return errors.As(err, &e) && e.Fields != nil && e.Fields["email"] == ""
}

// Session is a fresh login: the secret is shown once and never stored.
type Session struct {
	Secret    string
	ExpiresAt time.Time
	User      User
}

var (
	errBadLogin = app.Errorf(app.Unauthorized, "wrong email or password")
	errDisabled = app.Errorf(app.Forbidden, "this account is disabled: ask the site's admin")
)

// Login checks a password and opens a session.
func (s *Service) Login(ctx context.Context, email, password, address string) (Session, error) {
	u, err := s.checkPassword(ctx, email, password, address)
	if err != nil {
		return Session{}, err
	}
	expires := s.now().Add(SessionTTL)
	secret, _, err := s.issue(ctx, Token{UserID: u.ID, Kind: SessionToken, Name: "login", ExpiresAt: &expires})
	if err != nil {
		return Session{}, err
	}
	return Session{Secret: secret, ExpiresAt: expires, User: u}, nil
}

// checkPassword finds the account of email and checks its password, within
// the login limits of the pair (account, address) and of the address.
// Unknown emails and wrong passwords get the same answer after the same work.
func (s *Service) checkPassword(ctx context.Context, email, password, address string) (User, error) {
	email = NormaliseEmail(email)
	pair, addr := loginCounters(email, address)
	if err := s.admit(ctx, pair, addr); err != nil {
		return User{}, err
	}
	u, ok, err := s.verify(ctx, email, password)
	switch {
	case err != nil:
		return User{}, err
	case !ok:
		s.count(ctx, addr, 1)
		return User{}, errBadLogin
	}
	s.count(ctx, pair, math.Inf(-1)) // the right password: the pair starts afresh
	if u.Disabled {                  // told only to who knows the password
		return User{}, errDisabled
	}
	return u, nil
}

// verify tells whether password is email's; an unknown email is checked
// against the dummy hash, so that it takes as long.
func (s *Service) verify(ctx context.Context, email, password string) (User, bool, error) {
	u, hash, err := s.store.UserByEmail(ctx, email)
	if app.ErrorCode(err) == app.NotFound {
		s.hasher.Verify(ctx, password, dummyHash)
		return User{}, false, nil
	}
	if err != nil {
		return User{}, false, err
	}
	ok, err := s.hasher.Verify(ctx, password, hash)
	return u, ok, err
}

// issue stores a new token and returns its secret.
func (s *Service) issue(ctx context.Context, t Token) (string, Token, error) {
	secret := NewSecret()
	t.CreatedAt = s.now()
	t, err := s.store.CreateToken(ctx, t, HashSecret(secret))
	return secret, t, err
}

// NewSecret is 32 random bytes, readable in a header or an address.
func NewSecret() string {
	raw := make([]byte, 32)
	rand.Read(raw)
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
}

// HashSecret is what is stored of a secret: its SHA-256.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// Authenticate finds who holds secret; unknown, revoked and expired secrets
// are Unauthorized. A token's holder is remembered for principalTTL, but its
// expiry is checked every time. The principal returned is shared: read only.
func (s *Service) Authenticate(ctx context.Context, secret string) (*Principal, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, errUnknownToken
	}
	hash, now := sha256.Sum256([]byte(secret)), s.now()
	p, ok := s.known.get(hash, now)
	if !ok {
		gen := s.known.generation()
		found, err := s.store.PrincipalByTokenHash(ctx, hash[:], now)
		if app.ErrorCode(err) == app.NotFound {
			return nil, errGoneToken
		}
		if err != nil {
			return nil, err
		}
		p = &found
		s.known.put(hash, p, now, gen)
	}
	if p.Token.ExpiresAt != nil && !now.Before(*p.Token.ExpiresAt) {
		return nil, errGoneToken
	}
	return p, nil
}

var (
	errUnknownToken = app.Errorf(app.Unauthorized, "unknown token")
	errGoneToken    = app.Errorf(app.Unauthorized, "the token is unknown, revoked or expired: log in again")
)

// Logout ends the session or revokes the token the request came with.
func (s *Service) Logout(ctx context.Context, p Principal) error {
	defer s.known.dropUser(p.User.ID)
	return s.store.DeleteToken(ctx, p.User.ID, p.Token.ID)
}

// CreateToken makes a named personal access token for scripts and the CLI.
func (s *Service) CreateToken(ctx context.Context, p Principal, name string) (string, Token, error) {
	if err := ValidateTokenName(name); err != nil {
		return "", Token{}, err
	}
	return s.issue(ctx, Token{UserID: p.User.ID, Kind: PersonalToken, Name: strings.TrimSpace(name)})
}

// ValidateTokenName checks a personal access token's name, as CreateToken
// stores it: trimmed.
func ValidateTokenName(name string) error {
	if n := utf8.RuneCountInString(strings.TrimSpace(name)); n == 0 || n > 100 {
		return app.FieldError("name", "must be 1 to 100 characters")
	}
	return nil
}

// Tokens lists the user's personal access tokens.
func (s *Service) Tokens(ctx context.Context, p Principal) ([]Token, error) {
	return s.store.Tokens(ctx, p.User.ID, PersonalToken)
}

// RevokeToken deletes one of the user's own tokens; others' tokens are NotFound.
func (s *Service) RevokeToken(ctx context.Context, p Principal, id int64) error {
	defer s.known.dropUser(p.User.ID)
	return s.store.DeleteToken(ctx, p.User.ID, id)
}

// SweepJob is the periodic job that runs Sweep.
type SweepJob struct{}

// Kind names the job in the queue.
func (SweepJob) Kind() string { return "account_sweep" }

// Sweep deletes expired sessions, reset links and login counters.
func (s *Service) Sweep(ctx context.Context) (int64, error) {
	return s.store.DeleteExpired(ctx, s.now())
}
