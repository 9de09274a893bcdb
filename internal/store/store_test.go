package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/internal/account"
	"devpath/internal/app"
	"devpath/internal/checker"
	"devpath/internal/devpathtest"
	"devpath/internal/jobs"
	"devpath/internal/store"
)

// open returns a migrated store on engine e.
func open(t *testing.T, e devpathtest.Engine) *store.Store {
	t.Helper()
	s, err := store.Open(e.URL, filepath.Join(t.TempDir(), "devpath.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background(), devpathtest.Logger(t)); err != nil {
		t.Fatal(err)
	}
	useQueue(t, s)
	return s
}

// useQueue gives s an open job queue, which takes the store's jobs without
// working them: it is never started.
func useQueue(t *testing.T, s *store.Store) {
	t.Helper()
	q, err := jobs.New(s.Engine(), s.QueueDB(), devpathtest.Logger(t), jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	jobs.Handle(q, jobs.Kind{}, func(context.Context, jobs.Job[checker.RunJob]) error { return nil })
	if err == nil {
		err = q.Migrate(context.Background())
	}
	if err == nil {
		err = q.Open()
	}
	if err != nil {
		t.Fatal(err)
	}
	s.UseQueue(q)
}

var t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func user(email string) account.NewUser {
	return account.NewUser{Email: email, Name: email, PasswordHash: "x"}
}

func TestUsers(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		first, err := s.CreateUser(ctx, user("ada@example.org"), t0)
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.CreateUser(ctx, user("bob@example.org"), t0)
		if err != nil {
			t.Fatal(err)
		}
		if first.Role != account.Admin || second.Role != account.Learner {
			t.Fatalf("roles: first %s, second %s; want admin, learner", first.Role, second.Role)
		}
		mentor := user("mia@example.org")
		mentor.Role = account.Mentor
		if m, err := s.CreateUser(ctx, mentor, t0); err != nil || m.Role != account.Mentor {
			t.Fatalf("explicit role: %v %v", m.Role, err)
		}
		if _, err := s.CreateUser(ctx, user("ada@example.org"), t0); app.ErrorCode(err) != app.Conflict {
			t.Fatalf("duplicate email: got %v, want conflict", err)
		}
		got, hash, err := s.UserByEmail(ctx, "bob@example.org")
		if err != nil || got.ID != second.ID || hash != "x" || !got.CreatedAt.Equal(t0) {
			t.Fatalf("UserByEmail: %+v %q %v", got, hash, err)
		}
		if _, _, err := s.UserByEmail(ctx, "nobody@example.org"); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("unknown email: got %v, want not_found", err)
		}
	})
}

// TestFirstUserRace registers many accounts at once on an empty database:
// exactly one may become admin.
func TestFirstUserRace(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		s := open(t, e)
		var wg sync.WaitGroup
		roles := make(chan account.Role, 16)
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				u, err := s.CreateUser(context.Background(), user(string(rune('a'+i))+"@example.org"), t0)
				if err != nil {
					t.Error(err)
					return
				}
				roles <- u.Role
			}()
		}
		wg.Wait()
		close(roles)
		admins := 0
		for r := range roles {
			if r == account.Admin {
				admins++
			}
		}
		if admins != 1 {
			t.Fatalf("%d admins, want 1", admins)
		}
	})
}

func TestTokens(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)
		expires := t0.Add(time.Hour)
		session, err := s.CreateToken(ctx, account.Token{UserID: ada.ID, Kind: account.SessionToken, Name: "login", CreatedAt: t0, ExpiresAt: &expires}, []byte("h1"))
		if err != nil {
			t.Fatal(err)
		}
		pat, err := s.CreateToken(ctx, account.Token{UserID: ada.ID, Kind: account.PersonalToken, Name: "cli", CreatedAt: t0}, []byte("h2"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateToken(ctx, account.Token{UserID: bob.ID, Kind: account.PersonalToken, Name: "dup", CreatedAt: t0}, []byte("h2")); app.ErrorCode(err) != app.Conflict {
			t.Fatalf("duplicate hash: %v", err)
		}

		p, err := s.PrincipalByTokenHash(ctx, []byte("h1"), t0.Add(time.Minute))
		if err != nil || p.User.ID != ada.ID || p.Token.ID != session.ID || p.Token.ExpiresAt == nil {
			t.Fatalf("session lookup: %+v %v", p, err)
		}
		if _, err := s.PrincipalByTokenHash(ctx, []byte("h1"), t0.Add(2*time.Hour)); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("expired session: %v", err)
		}
		if p, err := s.PrincipalByTokenHash(ctx, []byte("h2"), t0.Add(1000*time.Hour)); err != nil || p.Token.Kind != account.PersonalToken {
			t.Fatalf("personal tokens do not expire: %+v %v", p, err)
		}

		list, err := s.Tokens(ctx, ada.ID, account.PersonalToken)
		if err != nil || len(list) != 1 || list[0].Name != "cli" {
			t.Fatalf("list: %+v %v", list, err)
		}
		if err := s.DeleteToken(ctx, bob.ID, pat.ID); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("revoking someone else's token: %v", err)
		}
		if err := s.DeleteToken(ctx, ada.ID, pat.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PrincipalByTokenHash(ctx, []byte("h2"), t0); app.ErrorCode(err) != app.NotFound {
			t.Fatalf("revoked token still works: %v", err)
		}
		if n, err := s.DeleteExpired(ctx, t0.Add(2*time.Hour)); err != nil || n != 1 {
			t.Fatalf("sweep: %d %v", n, err)
		}
	})
}

func TestMigrateTwice(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		path := filepath.Join(t.TempDir(), "devpath.db")
		for range 2 {
			s, err := store.Open(e.URL, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(context.Background(), devpathtest.Logger(t)); err != nil {
				t.Fatal(err)
			}
			if err := s.Ping(context.Background()); err != nil {
				t.Fatal(err)
			}
			s.Close()
		}
	})
}

// TestDurability checks that an acknowledged write waits for the disk: SQLite
// in WAL mode with synchronous=FULL on both pools, PostgreSQL with
// synchronous_commit on for devpath's sessions even where the server's
// default is off (the test cluster runs with it off).
func TestDurability(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		for name, db := range s.DBs() {
			if e.Name == "postgres" {
				var sc string
				if err := db.QueryRowContext(ctx, "SHOW synchronous_commit").Scan(&sc); err != nil || sc != "on" {
					t.Fatalf("%s pool: synchronous_commit %q (%v), want on", name, sc, err)
				}
				continue
			}
			var sync int
			var mode string
			if err := db.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil || sync != 2 {
				t.Fatalf("%s pool: synchronous %d (%v), want 2 (FULL)", name, sync, err)
			}
			if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
				t.Fatalf("%s pool: journal_mode %q (%v), want wal", name, mode, err)
			}
		}
	})
	if base := os.Getenv(devpathtest.PostgresEnv); base != "" {
		t.Run("postgres URL asks for off", func(t *testing.T) {
			u := devpathtest.PostgresSchema(t, base) + "&synchronous_commit=off"
			if _, err := store.OpenPostgres(u); err == nil || !strings.Contains(err.Error(), "synchronous_commit=off") {
				t.Fatalf("got %v, want a refusal naming synchronous_commit=off", err)
			}
		})
	}
}
