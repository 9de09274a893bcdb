package credential

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"

	"devpath/internal/account"
	"devpath/internal/app"
)

// State is where an issued credential stands with its learner.
type State string

const (
	Pending  State = "pending"  // issued, shown nowhere until the learner accepts it
	Accepted State = "accepted" // the learner's; on the public page when Public too
)

// Issued is a credential as the store keeps it.
type Issued struct {
	ID          int64 // its serial: the place of its bit in the status lists
	UserID      int64
	Achievement string
	Param       string
	UUID        string
	Name        string
	JWT         string
	State       State
	Public      bool
	IssuedAt    time.Time
	AcceptedAt  *time.Time
	RevokedAt   *time.Time
	RevokedWhy  string
}

// Signer turns a stored credential's serial and its learner's email into
// the signed JWT; the store calls it inside the transaction that adds it.
type Signer func(serial int64, email string) (string, error)

// Store is the storage the credential service needs.
type Store interface {
	CredentialKeys(ctx context.Context) ([]Key, error) // newest first
	AddCredentialKey(ctx context.Context, k Key) error
	RetireCredentialKeys(ctx context.Context, at time.Time) error
	// AddCredential stores c and signs it; an award the learner already has
	// changes nothing and comes back with created false.
	AddCredential(ctx context.Context, c Issued, sign Signer) (Issued, bool, error)
	Credentials(ctx context.Context, user int64) ([]Issued, error)
	Credential(ctx context.Context, user, id int64) (Issued, error)
	AcceptCredential(ctx context.Context, user, id int64, at time.Time) (Issued, error)
	ShowCredential(ctx context.Context, user, id int64, public bool) (Issued, error)
	RevokeCredential(ctx context.Context, id int64, why string, at time.Time) (Issued, error)
	// RevokedSerials lists the revoked credentials' ids in [from, to).
	RevokedSerials(ctx context.Context, from, to int64) ([]int64, error)
	AdminStore
	SweepStore
}

// Service issues, keeps and verifies credentials.
type Service struct {
	store        Store
	achievements *Achievements
	at           Addresses
	issuer       Profile
	sources      Sources
	now          func() time.Time
	alg          jose.SignatureAlgorithm // what new credentials are signed with
	lists        listCache
	// Issued, when set, hears of every credential issued, once stored
	// (the learner is told it waits for them).
	Issued func(ctx context.Context, c Issued)
}

// listCache keeps signed status lists for a minute: signing one costs
// milliseconds of RSA, and every outside verifier asks for one. Revoking
// on this instance clears it; another instance's revocation shows within
// the minute.
type listCache struct {
	mu    sync.Mutex
	lists map[int]cachedList
}

type cachedList struct {
	jwt string
	at  time.Time
}

const listTTL = time.Minute

func (c *listCache) get(n int, now time.Time) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.lists[n]
	return l.jwt, ok && now.Sub(l.at) < listTTL
}

func (c *listCache) put(n int, jwt string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lists == nil {
		c.lists = map[int]cachedList{}
	}
	c.lists[n] = cachedList{jwt, now}
}

func (c *listCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lists = nil
}

// NewService returns the service, making the issuer's first key when it
// has none. baseURL is the site's public address.
func NewService(ctx context.Context, store Store, achievements *Achievements, sources Sources, baseURL string,
	now func() time.Time) (*Service, error) {
	at := Addresses{Base: baseURL}
	host := baseURL
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	s := &Service{store: store, achievements: achievements, at: at, sources: sources, now: now, alg: jose.RS256,
		issuer: Profile{ID: at.Issuer(), Type: []string{"Profile"}, Name: "devpath at " + host, URL: baseURL}}
	return s, s.addKeys(ctx)
}

// SignWith has new credentials and status lists signed with alg, one of
// Algorithms; RS256 until then.
func (s *Service) SignWith(alg jose.SignatureAlgorithm) error {
	if !slices.Contains(Algorithms, alg) {
		return fmt.Errorf("credentials cannot be signed with %q: want RS256 or EdDSA", alg)
	}
	s.alg = alg
	return nil
}

// Algorithm is what new credentials are signed with.
func (s *Service) Algorithm() string { return string(s.alg) }

// addKeys makes a key for each algorithm that has none in use: on the
// first start, after a rotation, and once on an issuer made before EdDSA.
func (s *Service) addKeys(ctx context.Context) error {
	keys, err := s.store.CredentialKeys(ctx)
	if err != nil {
		return err
	}
	for _, alg := range Algorithms {
		if _, ok := active(keys, alg); ok {
			continue
		}
		k, err := NewKey(s.at, alg, s.now())
		if err != nil {
			return err
		}
		if err := s.store.AddCredentialKey(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// active is the newest key for alg that is not retired.
func active(keys []Key, alg jose.SignatureAlgorithm) (Key, bool) {
	for _, k := range keys { // newest first
		if k.RetiredAt == nil && k.JWK.Algorithm == string(alg) {
			return k, true
		}
	}
	return Key{}, false
}

// Achievements is the catalog of what devpath awards.
func (s *Service) Achievements() *Achievements { return s.achievements }

// Issuer is the issuer's Profile, as published at its id.
func (s *Service) Issuer() Profile { return s.issuer }

// Addresses are the issuer's public URLs.
func (s *Service) Addresses() Addresses { return s.at }

// JWKS is the issuer's public keys, retired ones included.
func (s *Service) JWKS(ctx context.Context) (jose.JSONWebKeySet, error) {
	keys, err := s.store.CredentialKeys(ctx)
	return PublicSet(keys), err
}

// RotateKey retires the signing keys and makes a new one: an admin's act.
// Retired keys stay published, so what they signed still verifies.
func (s *Service) RotateKey(ctx context.Context, by account.User) error {
	if err := adminOnly(by, "rotates the signing key"); err != nil {
		return err
	}
	if err := s.store.RetireCredentialKeys(ctx, s.now()); err != nil {
		return err
	}
	if err := s.addKeys(ctx); err != nil {
		return err
	}
	s.lists.clear() // signed with the retired key
	s.record(ctx, by, "rotated", 0, "retired the signing key and made a new one")
	return nil
}

// signingKey is the newest key in use for the algorithm credentials are
// signed with.
func (s *Service) signingKey(ctx context.Context) (Key, error) {
	keys, err := s.store.CredentialKeys(ctx)
	if err != nil {
		return Key{}, err
	}
	if k, ok := active(keys, s.alg); ok {
		return k, nil
	}
	return Key{}, app.Errorf(app.Internal, "the issuer has no %s signing key", s.alg)
}

// Earned is one achievement a learner has the evidence for.
type Earned struct {
	Achievement string
	Param       string // topic, step or cohort id; empty for a project
	ParamTitle  string // how Param reads in the achievement's texts
	Evidence    []Evidence
}

// Issue signs and stores a credential for an earned achievement, pending
// until the learner accepts it. An achievement already issued to the
// learner is left as it is (created false).
func (s *Service) Issue(ctx context.Context, user int64, e Earned) (Issued, bool, error) {
	a, ok := s.achievements.Get(e.Achievement)
	if !ok {
		return Issued{}, false, app.Errorf(app.NotFound, "achievement %q not found", e.Achievement)
	}
	if a.Parametrised() != (e.Param != "") {
		return Issued{}, false, app.FieldError("param", fmt.Sprintf("achievement %s needs a parameter exactly when it is earned per topic, step or cohort", a.ID))
	}
	a = a.For(e.ParamTitle)
	key, err := s.signingKey(ctx)
	if err != nil {
		return Issued{}, false, err
	}
	now := s.now()
	c := Issued{UserID: user, Achievement: a.ID, Param: e.Param, UUID: NewUUID(), Name: a.Name, State: Pending, IssuedAt: now}
	c, created, err := s.store.AddCredential(ctx, c, func(serial int64, email string) (string, error) {
		return Sign(Build(s.at, s.issuer.Name, Award{Serial: serial, UUID: c.UUID, Achievement: a, Param: e.Param,
			Email: email, Evidence: e.Evidence, IssuedAt: now}), key)
	})
	if created && s.Issued != nil {
		s.Issued(ctx, c)
	}
	return c, created, err
}

// List returns the learner's credentials, pending ones included, newest first.
func (s *Service) List(ctx context.Context, user int64) ([]Issued, error) {
	return s.store.Credentials(ctx, user)
}

// Get returns one of the learner's credentials; another's is NotFound.
func (s *Service) Get(ctx context.Context, user, id int64) (Issued, error) {
	return s.store.Credential(ctx, user, id)
}

// Accept makes a pending credential the learner's.
func (s *Service) Accept(ctx context.Context, user, id int64) (Issued, error) {
	return s.store.AcceptCredential(ctx, user, id, s.now())
}

// Show puts an accepted credential on the learner's public page, or takes
// it off; a pending one is a Conflict.
func (s *Service) Show(ctx context.Context, user, id int64, public bool) (Issued, error) {
	return s.store.ShowCredential(ctx, user, id, public)
}

// Public returns the learner's accepted credentials they chose to show.
func (s *Service) Public(ctx context.Context, user int64) ([]Issued, error) {
	all, err := s.store.Credentials(ctx, user)
	var out []Issued
	for _, c := range all {
		if c.State == Accepted && c.Public {
			out = append(out, c)
		}
	}
	return out, err
}

// Revoke marks a credential revoked in the issuer's status list: an
// admin's act, for a credential issued in error or evidence withdrawn.
func (s *Service) Revoke(ctx context.Context, by account.User, id int64, why string) (Issued, error) {
	if err := adminOnly(by, "revokes credentials"); err != nil {
		return Issued{}, err
	}
	why = strings.TrimSpace(why)
	if err := CheckReason(why); err != nil {
		return Issued{}, err
	}
	c, err := s.store.RevokeCredential(ctx, id, why, s.now())
	s.lists.clear()
	if err == nil {
		s.record(ctx, by, "revoked", c.ID, "revoked credential %d, %s (user %d)%s", c.ID, c.Name, c.UserID, because(why))
	}
	return c, err
}

func because(why string) string {
	if why == "" {
		return ""
	}
	return ": " + why
}

// StatusList is status list n as a signed JWT.
func (s *Service) StatusList(ctx context.Context, n int) (string, error) {
	if n < 1 || n > 1<<20 {
		return "", app.Errorf(app.NotFound, "status list %d not found", n)
	}
	now := s.now()
	if jwt, ok := s.lists.get(n, now); ok {
		return jwt, nil
	}
	from := int64(n-1) * ListBits
	serials, err := s.store.RevokedSerials(ctx, from, from+ListBits)
	if err != nil {
		return "", err
	}
	idx := make([]int, len(serials))
	for i, v := range serials {
		idx[i] = int(v - from)
	}
	key, err := s.signingKey(ctx)
	if err != nil {
		return "", err
	}
	jwt, err := Sign(BuildStatusList(s.at, s.issuer, n, idx, now), key)
	if err == nil {
		s.lists.put(n, jwt, now)
	}
	return jwt, err
}

// Verify checks a credential against this issuer: its keys, its status
// lists (read locally, not over the network) and its id.
func (s *Service) Verify(ctx context.Context, token string) (Report, error) {
	keys, err := s.JWKS(ctx)
	if err != nil {
		return Report{}, err
	}
	return Verify(ctx, token, Trust{Keys: keys, Issuer: s.issuer.ID, Now: s.now(), Revoked: s.revoked}), nil
}

// revoked reads a credential's bit from the issuer's own records: what
// its published list would say, without signing a list per verification.
func (s *Service) revoked(ctx context.Context, u string, index int) (bool, error) {
	var n int
	if _, err := fmt.Sscanf(u, s.at.Base+"/credentials/status/%d", &n); err != nil || s.at.StatusList(n) != u || index < 0 || index >= ListBits {
		return false, fmt.Errorf("%s is not a status list of this devpath", u)
	}
	serial := int64(n-1)*ListBits + int64(index)
	got, err := s.store.RevokedSerials(ctx, serial, serial+1)
	return len(got) > 0, err
}
