package credential

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/account"
	"devpath/internal/app"
)

// Status is where an issued credential stands, as an admin filters them.
type Status string

const (
	StatusPending  Status = "pending"  // waiting for its learner
	StatusAccepted Status = "accepted" // the learner's, not revoked
	StatusRevoked  Status = "revoked"  // marked in the status list, whatever its state
)

// Statuses lists the statuses in the order a filter offers them.
func Statuses() []Status { return []Status{StatusPending, StatusAccepted, StatusRevoked} }

// Filter narrows the list of issued credentials; empty fields match all.
type Filter struct {
	Learner     string // a part of the learner's name or email
	Achievement string // an achievement id
	Param       string // the topic, step or cohort it was earned for
	Status      Status
	Limit       int
}

// Listed is an issued credential with its learner, for an admin.
type Listed struct {
	Issued
	LearnerName  string
	LearnerEmail string
}

// Status tells where the credential stands.
func (l Listed) Status() Status {
	switch {
	case l.RevokedAt != nil:
		return StatusRevoked
	case l.State == Accepted:
		return StatusAccepted
	}
	return StatusPending
}

// MaxListed bounds one page of the admin's list.
const MaxListed = 200

// MaxReason bounds a revocation's reason.
const MaxReason = 500

// AuditEntry is one thing an admin did to the issuer: a revocation or a
// key rotation.
type AuditEntry struct {
	ID           int64
	ActorID      int64  // 0 for the command line, or once the account is gone
	Actor        string // their name at reading time
	Action       string // revoked, rotated
	CredentialID int64  // for a revocation
	Detail       string // in words
	At           time.Time
}

// AdminStore is the storage of the admin's view.
type AdminStore interface {
	FindCredentials(ctx context.Context, f Filter) ([]Listed, error)
	RecordCredentialAudit(ctx context.Context, e AuditEntry) error
	// CredentialAudit lists the entries, newest first.
	CredentialAudit(ctx context.Context, limit int) ([]AuditEntry, error)
}

// CheckFilter returns the problems Find would find in f.
func CheckFilter(f Filter, achievements *Achievements) error {
	p := app.Problems{}
	if f.Status != "" && f.Status != StatusPending && f.Status != StatusAccepted && f.Status != StatusRevoked {
		p.Add("status", "must be one of pending, accepted, revoked")
	}
	if _, ok := achievements.Get(f.Achievement); f.Achievement != "" && !ok {
		p.Add("achievement", "is not an achievement of this site")
	}
	if utf8.RuneCountInString(f.Learner) > 254 {
		p.Add("learner", "must be at most 254 characters")
	}
	return p.Err()
}

// CheckReason returns the problem Revoke would find in a reason.
func CheckReason(why string) error {
	if utf8.RuneCountInString(why) > MaxReason {
		return app.FieldError("reason", fmt.Sprintf("must be at most %d characters", MaxReason))
	}
	return nil
}

func adminOnly(by account.User, what string) error {
	if by.Role != account.Admin {
		return app.Errorf(app.Forbidden, "only an admin %s", what)
	}
	return nil
}

// Find lists issued credentials, newest first, for the instance admin.
func (s *Service) Find(ctx context.Context, by account.User, f Filter) ([]Listed, error) {
	if err := adminOnly(by, "lists credentials"); err != nil {
		return nil, err
	}
	f.Learner = strings.TrimSpace(f.Learner)
	if err := CheckFilter(f, s.achievements); err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > MaxListed {
		f.Limit = MaxListed
	}
	return s.store.FindCredentials(ctx, f)
}

// Graduates returns the cohort's graduation credentials by learner: for
// its admins' page, which has asked the cohort who may see it.
func (s *Service) Graduates(ctx context.Context, cohortID string) (map[int64]Listed, error) {
	out := map[int64]Listed{}
	for _, a := range s.achievements.OfKind(CohortKind) {
		found, err := s.store.FindCredentials(ctx, Filter{Achievement: a.ID, Param: cohortID, Limit: 100000})
		if err != nil {
			return nil, err
		}
		for _, l := range found {
			out[l.UserID] = l
		}
	}
	return out, nil
}

// Audit lists what admins did to the issuer, newest first.
func (s *Service) Audit(ctx context.Context, by account.User) ([]AuditEntry, error) {
	if err := adminOnly(by, "reads the credentials' audit log"); err != nil {
		return nil, err
	}
	return s.store.CredentialAudit(ctx, MaxListed)
}

// record notes what an admin did. The act has happened by now: a failure
// to note it is logged rather than undoing it.
func (s *Service) record(ctx context.Context, by account.User, action string, credential int64, format string, args ...any) {
	e := AuditEntry{ActorID: by.ID, Action: action, CredentialID: credential, Detail: fmt.Sprintf(format, args...), At: s.now().UTC()}
	if err := s.store.RecordCredentialAudit(ctx, e); err != nil {
		app.Logger(ctx).Warn("recording a credential action", "action", action, "err", err)
	}
}

// KeyInfo is one of the issuer's keys as an admin sees it: no key material.
type KeyInfo struct {
	KeyID     string
	Algorithm string
	CreatedAt time.Time
	RetiredAt *time.Time
}

// Keys lists the issuer's keys, newest first, for the instance admin.
func (s *Service) Keys(ctx context.Context, by account.User) ([]KeyInfo, error) {
	if err := adminOnly(by, "lists the signing keys"); err != nil {
		return nil, err
	}
	keys, err := s.store.CredentialKeys(ctx)
	out := make([]KeyInfo, len(keys))
	for i, k := range keys {
		out[i] = KeyInfo{KeyID: k.JWK.KeyID, Algorithm: k.JWK.Algorithm, CreatedAt: k.CreatedAt, RetiredAt: k.RetiredAt}
	}
	return out, err
}
