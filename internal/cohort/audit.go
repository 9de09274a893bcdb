package cohort

import (
	"context"
	"fmt"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
)

// AuditEntry is one thing staff did to a cohort.
type AuditEntry struct {
	ID       int64
	CohortID int64
	ActorID  int64  // 0 once the account is gone
	Actor    string // their name at reading time
	Action   string // created, changed, staff, unstaffed, added, removed, left, invited, link
	Detail   string // in words
	At       time.Time
}

// AuditStore keeps the audit log.
type AuditStore interface {
	Record(ctx context.Context, e AuditEntry) error
	// Audit lists a cohort's entries, newest first.
	Audit(ctx context.Context, cohort int64, limit int) ([]AuditEntry, error)
}

// auditLimit is how many entries the log shows.
const auditLimit = 200

// record notes what who did. The action has happened by now: a failure to
// note it is logged rather than undoing it.
func (s *Service) record(ctx context.Context, who account.User, id int64, action, format string, args ...any) {
	e := AuditEntry{CohortID: id, ActorID: who.ID, Action: action, Detail: fmt.Sprintf(format, args...), At: s.now().UTC()}
	if err := s.store.Record(ctx, e); err != nil {
		app.Logger(ctx).Warn("recording a staff action", "cohort", id, "action", action, "err", err)
	}
}

// Audit returns what staff did to the cohort, newest first, for its staff.
func (s *Service) Audit(ctx context.Context, who account.User, id int64) ([]AuditEntry, error) {
	if _, err := s.require(ctx, who, id, mentorAccess); err != nil {
		return nil, err
	}
	return s.store.Audit(ctx, id, auditLimit)
}
