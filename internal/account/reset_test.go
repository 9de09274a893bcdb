package account_test

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/store"
)

// clock is a settable time for services under test.
type clock struct{ t time.Time }

func newClock() *clock                   { return &clock{time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)} }
func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// sent keeps the links a service hands to its sender.
type sent struct{ links []string }

func (s *sent) SendReset(_ context.Context, _ account.User, link string) error {
	s.links = append(s.links, link)
	return nil
}

// service is an account service on engine e with a clock the test moves.
func service(t *testing.T, e devpathtest.Engine, c *clock, s account.ResetSender) *account.Service {
	t.Helper()
	st, err := store.Open(e.URL, filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background(), devpathtest.Logger(t)); err != nil {
		t.Fatal(err)
	}
	return account.NewService(st, c.now, 0, account.ResetLinks{BaseURL: "https://learn.example.org/", Sender: s})
}

func register(t *testing.T, svc *account.Service, email string) {
	t.Helper()
	if _, err := svc.Register(context.Background(), account.Registration{Email: email, Password: devpathtest.Password, Name: "A"}); err != nil {
		t.Fatal(err)
	}
}

// token is the secret of a reset link, checking where the link points.
func token(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Host != "learn.example.org" || u.Path != account.ResetPath {
		t.Fatalf("reset link %q does not open https://learn.example.org%s", link, account.ResetPath)
	}
	return u.Query().Get("token")
}

// A link asked for with the form reaches the sender, works once, and ends
// every session and token of the account.
func TestResetOnceAndRevoke(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx, c, out := context.Background(), newClock(), &sent{}
		svc := service(t, e, c, out)
		register(t, svc, "ada@example.org")
		session, err := svc.Login(ctx, "ada@example.org", devpathtest.Password, "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		p, _ := svc.Authenticate(ctx, session.Secret)
		pat, _, _ := svc.CreateToken(ctx, *p, "cli")

		for _, email := range []string{" ADA@example.org", "nobody@example.org"} {
			if err := svc.RequestReset(ctx, email, "192.0.2.1"); err != nil {
				t.Fatalf("request for %q: %v", email, err)
			}
		}
		if len(out.links) != 1 {
			t.Fatalf("want one link sent (the unknown email gets none): %v", out.links)
		}
		secret := token(t, out.links[0])
		if u, err := svc.CheckReset(ctx, secret); err != nil || u.Email != "ada@example.org" {
			t.Fatalf("check: %+v %v", u, err)
		}
		if err := svc.ResetPassword(ctx, secret, "short"); app.ErrorCode(err) != app.Invalid {
			t.Fatalf("short password: %v", err)
		}
		if err := svc.ResetPassword(ctx, secret, "a brand new password"); err != nil {
			t.Fatal(err)
		}
		if err := svc.ResetPassword(ctx, secret, "another new password"); !errors.Is(err, account.ErrResetGone) {
			t.Fatalf("second use: %v", err)
		}
		for _, old := range []string{session.Secret, pat} {
			if _, err := svc.Authenticate(ctx, old); app.ErrorCode(err) != app.Unauthorized {
				t.Fatalf("a credential from before the reset still works: %v", err)
			}
		}
		if _, err := svc.Login(ctx, "ada@example.org", "a brand new password", "192.0.2.1"); err != nil {
			t.Fatalf("login with the new password: %v", err)
		}
	})
}

func TestResetExpires(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx, c := context.Background(), newClock()
		svc := service(t, e, c, nil)
		register(t, svc, "ada@example.org")
		link, err := svc.ResetLink(ctx, "ada@example.org")
		if err != nil {
			t.Fatal(err)
		}
		c.advance(account.ResetTTL - time.Second)
		if _, err := svc.CheckReset(ctx, token(t, link)); err != nil {
			t.Fatalf("a second before it expires: %v", err)
		}
		c.advance(time.Second)
		if err := svc.ResetPassword(ctx, token(t, link), "a brand new password"); !errors.Is(err, account.ErrResetGone) {
			t.Fatalf("expired link: %v", err)
		}
		if _, err := svc.ResetLink(ctx, "nobody@example.org"); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("link for an unknown email: %v", err)
		}
		if n, err := svc.Sweep(ctx); err != nil || n != 1 {
			t.Fatalf("sweep: %d %v, want the expired link deleted", n, err)
		}
	})
}

// The form makes at most a few live links per account, and never says so.
func TestResetRequestsBounded(t *testing.T) {
	ctx, c, out := context.Background(), newClock(), &sent{}
	svc := service(t, devpathtest.Engine{}, c, out)
	register(t, svc, "ada@example.org")
	for i := range 4 {
		if err := svc.RequestReset(ctx, "ada@example.org", "192.0.2.1"); err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	if len(out.links) != 3 {
		t.Fatalf("%d links sent, want 3", len(out.links))
	}
	if err := svc.RequestReset(ctx, "bob@example.org", "192.0.2.1"); err != nil {
		t.Fatalf("5th request from one address: %v", err)
	}
	if err := svc.RequestReset(ctx, "bob@example.org", "192.0.2.1"); app.ErrorCode(err) != app.TooMany {
		t.Fatalf("6th request from one address at once: %v", err)
	}
	if err := svc.RequestReset(ctx, "bob@example.org", "192.0.2.2"); err != nil {
		t.Fatalf("another address: %v", err)
	}
}

// Guesses slow down for one address and one account only, waits double,
// and time or the right password lifts them.
func TestLoginThrottle(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx, c := context.Background(), newClock()
		svc := service(t, e, c, nil)
		register(t, svc, "ada@example.org")
		login := func(password, addr string) app.Code {
			_, err := svc.Login(ctx, "ada@example.org", password, addr)
			if err == nil {
				return ""
			}
			return app.ErrorCode(err)
		}
		for i := range 5 {
			if got := login("wrong guess", "192.0.2.1"); got != app.Unauthorized {
				t.Fatalf("guess %d: %s", i+1, got)
			}
		}
		if got := login(devpathtest.Password, "192.0.2.1"); got != app.TooMany {
			t.Fatalf("right password right after 5 guesses from the same address: %q, want a wait", got)
		}
		if got := login(devpathtest.Password, "198.51.100.7"); got != "" {
			t.Fatalf("right password from another address: %s", got)
		}
		c.advance(time.Second)
		if got := login("wrong guess", "192.0.2.1"); got != app.Unauthorized {
			t.Fatalf("6th guess after the 1 s wait: %s", got)
		}
		c.advance(time.Second)
		if got := login("wrong guess", "192.0.2.1"); got != app.TooMany {
			t.Fatalf("7th guess 1 s later: %s, want a 2 s wait", got)
		}
		c.advance(time.Second)
		if got := login(devpathtest.Password, "192.0.2.1"); got != "" {
			t.Fatalf("right password after the wait: %s", got)
		}
		for i := range 5 { // the right password started the pair afresh
			if got := login("wrong guess", "192.0.2.1"); got != app.Unauthorized {
				t.Fatalf("guess %d after a login: %s", i+1, got)
			}
		}
		c.advance(24 * time.Hour)
		if n, err := svc.Sweep(ctx); err != nil || n != 2 {
			t.Fatalf("sweep: %d %v, want the pair and address counters deleted", n, err)
		}
	})
}

// Guesses sent all at once are counted before any is checked, so no more
// than the free ones are tried, on either engine.
func TestLoginThrottleParallel(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		svc := service(t, e, newClock(), nil)
		register(t, svc, "ada@example.org")
		codes := make(chan app.Code, 20)
		for range cap(codes) {
			go func() {
				_, err := svc.Login(context.Background(), "ada@example.org", "wrong guess", "192.0.2.1")
				codes <- app.ErrorCode(err)
			}()
		}
		tried := 0
		for range cap(codes) {
			switch c := <-codes; c {
			case app.Unauthorized:
				tried++
			case app.TooMany:
			default:
				t.Errorf("a guess failed with %s", c)
			}
		}
		if tried != 5 {
			t.Fatalf("%d of 20 parallel guesses were tried, want 5", tried)
		}
	})
}
