package account_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/store"
)

// instances are n account services on one database, as n devpath instances
// behind a load balancer are.
func instances(t *testing.T, e devpathtest.Engine, c *clock, n int) []*account.Service {
	t.Helper()
	st, err := store.Open(e.URL, filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background(), devpathtest.Logger(t)); err != nil {
		t.Fatal(err)
	}
	var svcs []*account.Service
	for range n {
		svcs = append(svcs, account.NewService(st, c.now, 0, account.ResetLinks{BaseURL: "https://learn.example.org/", Sender: &sent{}}))
	}
	return svcs
}

// loggedIn registers email on svc and returns a fresh session's secret and principal.
func loggedIn(t *testing.T, svc *account.Service, email string) (string, account.Principal) {
	t.Helper()
	register(t, svc, email)
	s, err := svc.Login(context.Background(), email, devpathtest.Password, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.Authenticate(context.Background(), s.Secret)
	if err != nil {
		t.Fatal(err)
	}
	return s.Secret, *p
}

func accepts(t *testing.T, svc *account.Service, secret, when string) *account.Principal {
	t.Helper()
	p, err := svc.Authenticate(context.Background(), secret)
	if err != nil {
		t.Fatalf("%s: refused: %v", when, err)
	}
	return p
}

func refuses(t *testing.T, svc *account.Service, secret, when string) {
	t.Helper()
	if _, err := svc.Authenticate(context.Background(), secret); app.ErrorCode(err) != app.Unauthorized {
		t.Fatalf("%s: want Unauthorized, got %v", when, err)
	}
}

// Each way of ending a credential takes effect at once on the instance that
// ended it, and within the cache's lifetime (five seconds) on another
// instance that had it cached.
func TestAuthCacheDrops(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		for i, tc := range []struct {
			name string
			end  func(svc *account.Service, p account.Principal, secret string) error
		}{
			{"logout", func(svc *account.Service, p account.Principal, _ string) error { return svc.Logout(ctx, p) }},
			{"revocation", func(svc *account.Service, p account.Principal, _ string) error {
				return svc.RevokeToken(ctx, p, p.Token.ID)
			}},
			{"logout everywhere", func(svc *account.Service, p account.Principal, _ string) error {
				return svc.LogoutEverywhere(ctx, p)
			}},
			{"password change from another session", func(svc *account.Service, p account.Principal, _ string) error {
				other, err := svc.Login(ctx, p.User.Email, devpathtest.Password, "192.0.2.1")
				if err != nil {
					return err
				}
				q := accepts(t, svc, other.Secret, "the other session")
				return svc.ChangePassword(ctx, *q, devpathtest.Password, "a brand new password")
			}},
			{"password reset", func(svc *account.Service, p account.Principal, _ string) error {
				link, err := svc.ResetLink(ctx, p.User.Email)
				if err != nil {
					return err
				}
				return svc.ResetPassword(ctx, token(t, link), "a brand new password")
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := newClock()
				svcs := instances(t, e, c, 2)
				here, there := svcs[0], svcs[1]
				secret, p := loggedIn(t, here, fmt.Sprintf("ada%d@example.org", i)) // one schema for all cases on PostgreSQL
				accepts(t, there, secret, "before, on the other instance")
				if err := tc.end(here, p, secret); err != nil {
					t.Fatal(err)
				}
				refuses(t, here, secret, "at once, on this instance")
				accepts(t, there, secret, "within the cache's lifetime, on the other instance")
				c.advance(5 * time.Second)
				refuses(t, there, secret, "after the cache's lifetime, on the other instance")
			})
		}
	})
}

// A role change is seen at once by the instance that made it.
func TestAuthCacheRoleChange(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		c := newClock()
		svc := instances(t, e, c, 1)[0]
		register(t, svc, "admin@example.org") // the first account is the admin
		secret, _ := loggedIn(t, svc, "ada@example.org")
		if p := accepts(t, svc, secret, "before"); p.User.Role != account.Learner {
			t.Fatalf("role before: %s", p.User.Role)
		}
		if _, err := svc.SetRole(context.Background(), "ADA@example.org", account.Mentor); err != nil {
			t.Fatal(err)
		}
		if p := accepts(t, svc, secret, "after"); p.User.Role != account.Mentor {
			t.Fatalf("role after the change: %s", p.User.Role)
		}
		if _, err := svc.SetRole(context.Background(), "ada@example.org", "boss"); app.ErrorCode(err) != app.Invalid {
			t.Fatalf("unknown role: %v", err)
		}
		if _, err := svc.SetRole(context.Background(), "nobody@example.org", account.Admin); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("unknown email: %v", err)
		}
	})
}

// Expiry is checked on every request, the cached ones too.
func TestAuthCacheExpiry(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		c := newClock()
		svc := instances(t, e, c, 1)[0]
		secret, _ := loggedIn(t, svc, "ada@example.org")
		c.advance(account.SessionTTL - time.Second)
		accepts(t, svc, secret, "a second before the session ends") // cached for five seconds from here
		c.advance(time.Second)
		refuses(t, svc, secret, "when the session ends")
	})
}
