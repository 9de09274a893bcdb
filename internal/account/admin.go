package account

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"devpath/internal/app"
)

// AdminEntry is one thing an instance admin did to an account or a setting.
type AdminEntry struct {
	ID      int64
	ActorID int64  // 0 once the account is gone
	Actor   string // their name at reading time
	Action  string // role, disabled, enabled, reset_link, setting
	Detail  string // in words
	At      time.Time
}

// AdminStore is what the instance admin's screens need. Each write takes
// the audit entry to store in its own transaction.
type AdminStore interface {
	// SearchUsers lists accounts whose name or email holds q (any case),
	// by name; all of them for an empty q.
	SearchUsers(ctx context.Context, q string, limit int) ([]User, error)
	UserByID(ctx context.Context, id int64) (User, error)
	SetUserRole(ctx context.Context, id int64, role Role, e AdminEntry) (User, error)
	// SetDisabled disables (deleting every session, token and reset link
	// of the account) or enables an account.
	SetDisabled(ctx context.Context, id int64, disabled bool, e AdminEntry) (User, error)
	// Setting is an instance setting's stored value; ok is false when none is stored.
	Setting(ctx context.Context, name string) (value string, ok bool, err error)
	PutSetting(ctx context.Context, name, value string, e AdminEntry) error
	RecordAdmin(ctx context.Context, e AdminEntry) error
	// AdminLog lists the newest entries first.
	AdminLog(ctx context.Context, limit int) ([]AdminEntry, error)
}

// Limits of the admin's lists.
const (
	userListLimit = 100
	adminLogLimit = 200
	maxSearchLen  = 200
)

// registrationSetting names the registration mode among instance settings.
const registrationSetting = "registration"

var errNotAdmin = app.Errorf(app.Forbidden, "only an instance admin may do this")

// requireAdmin refuses anyone but an instance admin.
func requireAdmin(who User) error {
	if who.Role != Admin {
		return errNotAdmin
	}
	return nil
}

func (s *Service) adminEntry(who User, action, format string, args ...any) AdminEntry {
	return AdminEntry{ActorID: who.ID, Action: action, Detail: fmt.Sprintf(format, args...), At: s.now().UTC()}
}

// Users finds accounts by name or email, for an instance admin.
func (s *Service) Users(ctx context.Context, who User, q string) ([]User, error) {
	if err := requireAdmin(who); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(q) > maxSearchLen {
		return nil, app.FieldError("q", fmt.Sprintf("must be at most %d characters", maxSearchLen))
	}
	return s.store.SearchUsers(ctx, strings.TrimSpace(q), userListLimit)
}

// User returns one account, for an instance admin.
func (s *Service) User(ctx context.Context, who User, id int64) (User, error) {
	if err := requireAdmin(who); err != nil {
		return User{}, err
	}
	return s.store.UserByID(ctx, id)
}

// notSelf refuses an admin's change to their own account, which could
// leave the instance with no admin able to undo it.
func notSelf(who User, id int64, what string) error {
	if who.ID == id {
		return app.Errorf(app.Conflict, "you cannot %s your own account: ask another admin", what)
	}
	return nil
}

// ChangeRole sets an account's role; its cached sessions on this
// instance are forgotten at once.
func (s *Service) ChangeRole(ctx context.Context, who User, id int64, role Role) (User, error) {
	if !role.Valid() {
		return User{}, app.FieldError("role", "must be one of learner, mentor, admin")
	}
	if err := requireAdmin(who); err != nil {
		return User{}, err
	}
	if err := notSelf(who, id, "change the role of"); err != nil {
		return User{}, err
	}
	was, err := s.store.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	u, err := s.store.SetUserRole(ctx, id, role, s.adminEntry(who, "role", "made %s %s (was %s)", was.Label(), role, was.Role))
	s.known.dropUser(id)
	return u, err
}

// Label names an account in an audit entry.
func (u User) Label() string { return u.Name + " (" + u.Email + ")" }

// SetDisabled disables or enables an account. A disabled account cannot
// log in, and its sessions and tokens are deleted: here at once, on other
// instances within the principal cache's lifetime.
func (s *Service) SetDisabled(ctx context.Context, who User, id int64, disabled bool) (User, error) {
	if err := requireAdmin(who); err != nil {
		return User{}, err
	}
	if err := notSelf(who, id, "disable"); err != nil && disabled {
		return User{}, err
	}
	was, err := s.store.UserByID(ctx, id)
	if err != nil {
		return User{}, err
	}
	action := "enabled"
	if disabled {
		action = "disabled"
	}
	u, err := s.store.SetDisabled(ctx, id, disabled, s.adminEntry(who, action, "%s %s", action, was.Label()))
	s.known.dropUser(id)
	return u, err
}

// AdminResetLink makes a password reset link for an account, for an
// instance admin to hand over; the link itself is never logged.
func (s *Service) AdminResetLink(ctx context.Context, who User, id int64) (string, error) {
	if err := requireAdmin(who); err != nil {
		return "", err
	}
	u, err := s.store.UserByID(ctx, id)
	if err != nil {
		return "", err
	}
	link, _, err := s.newReset(ctx, u, 0)
	if err != nil {
		return "", err
	}
	if err := s.store.RecordAdmin(ctx, s.adminEntry(who, "reset_link", "made a password reset link for %s", u.Label())); err != nil {
		app.Logger(ctx).Warn("recording an admin action", "action", "reset_link", "err", err)
	}
	return link, nil
}

// RegistrationMode says who may create an account: the mode an admin set,
// or else the operator's default.
func (s *Service) RegistrationMode(ctx context.Context) Mode {
	if v, ok, err := s.store.Setting(ctx, registrationSetting); err == nil && ok && Mode(v).Valid() {
		return Mode(v)
	} else if err != nil {
		app.Logger(ctx).Warn("reading the registration mode", "err", err)
	}
	return cmp.Or(s.mode, Open)
}

// Settings are what an instance admin changes at run time.
type Settings struct {
	Registration Mode // in force
	Default      Mode // the operator's, from --registration
}

// Settings returns the instance settings, for an instance admin.
func (s *Service) Settings(ctx context.Context, who User) (Settings, error) {
	if err := requireAdmin(who); err != nil {
		return Settings{}, err
	}
	return Settings{Registration: s.RegistrationMode(ctx), Default: cmp.Or(s.mode, Open)}, nil
}

// SetRegistrationMode stores who may register from now on, on every instance.
func (s *Service) SetRegistrationMode(ctx context.Context, who User, m Mode) error {
	if err := requireAdmin(who); err != nil {
		return err
	}
	if !m.Valid() {
		return app.FieldError("registration", "must be open, invite or closed")
	}
	return s.store.PutSetting(ctx, registrationSetting, string(m),
		s.adminEntry(who, "setting", "set registration to %s", m))
}

// AdminLog is what instance admins did, newest first, for instance admins.
func (s *Service) AdminLog(ctx context.Context, who User) ([]AdminEntry, error) {
	if err := requireAdmin(who); err != nil {
		return nil, err
	}
	return s.store.AdminLog(ctx, adminLogLimit)
}
