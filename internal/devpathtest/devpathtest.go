// Package devpathtest starts real devpath servers for tests: the same wiring
// as `devpath serve`, on a temporary SQLite file or a fresh PostgreSQL
// schema, behind a real HTTP server on a random loopback port.
package devpathtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"devpath/internal/config"
	"devpath/internal/server"
)

// PostgresEnv names the variable that holds a PostgreSQL URL for tests.
const PostgresEnv = "DEVPATH_TEST_POSTGRES"

// Engine is a database to run a test on: SQLite when URL is empty.
type Engine struct {
	Name string
	URL  string
}

// ForEachEngine runs fn as a subtest on SQLite, and on a fresh PostgreSQL
// schema when DEVPATH_TEST_POSTGRES is set.
func ForEachEngine(t *testing.T, fn func(t *testing.T, e Engine)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Engine{Name: "sqlite"}) })
	base := os.Getenv(PostgresEnv)
	if base == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) { fn(t, Engine{Name: "postgres", URL: PostgresSchema(t, base)}) })
}

// PostgresSchema creates an empty schema and returns base with search_path
// set to it, so each test gets its own tables; the schema is dropped after.
func PostgresSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		db.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Config is a server configuration for engine e with its own data directory.
func Config(t testing.TB, e Engine) config.Config {
	c := config.Default()
	c.DataDir = t.TempDir()
	c.Database = e.URL
	c.LogLevel = "warn"
	return c
}

// Server is a running devpath.
type Server struct {
	App        *server.App
	URL        string
	MetricsURL string // where /metrics is served, apart from URL
}

// Start runs devpath with cfg until the test ends.
func Start(t testing.TB, cfg config.Config) *Server {
	t.Helper()
	a, err := server.New(context.Background(), cfg, Logger(t), "test")
	if err != nil {
		t.Fatalf("start devpath: %v", err)
	}
	if err := a.StartJobs(context.Background()); err != nil {
		t.Fatalf("start background jobs: %v", err)
	}
	hs, ms := httptest.NewServer(a.Handler), httptest.NewServer(a.Metrics)
	t.Cleanup(func() {
		hs.Close()
		ms.Close()
		a.Close()
	})
	return &Server{App: a, URL: hs.URL, MetricsURL: ms.URL}
}

// WaitForChecks waits until no check run is in progress.
func (s *Server) WaitForChecks(t testing.TB) {
	t.Helper()
	Eventually(t, "the check runs to finish", func() bool {
		n, err := s.App.Store.RunningRuns(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
}

// NewServer runs devpath on engine e until the test ends.
func NewServer(t testing.TB, e Engine) *Server {
	return Start(t, Config(t, e))
}

// Logger writes warnings and errors to the test's log.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// Client calls a server as one person: anonymous until it logs in.
type Client struct {
	srv   *Server
	Token string
	HTTP  *http.Client
}

// Anonymous returns a client with no credentials.
func (s *Server) Anonymous() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{srv: s, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// Password is the password of every account the helpers create.
const Password = "correct horse battery"

// Learner registers name@example.org and returns a client logged in with a bearer token.
func (s *Server) Learner(t testing.TB, name string) *Client {
	t.Helper()
	c := s.Anonymous()
	email := name + "@example.org"
	c.Expect(t, "POST", "/api/v1/users", `{"email":"`+email+`","password":"`+Password+`","name":"`+name+`"}`, 201, email)
	c.Token = c.Login(t, email, Password)
	return c
}

// Login logs in and returns the bearer token.
func (c *Client) Login(t testing.TB, email, password string) string {
	t.Helper()
	status, body := c.Do(t, "POST", "/api/v1/sessions", `{"email":"`+email+`","password":"`+password+`"}`)
	if status != 201 {
		t.Fatalf("login %s: %d %s", email, status, body)
	}
	const key = `"token":"`
	i := strings.Index(body, key)
	if i < 0 {
		t.Fatalf("login answer has no token: %s", body)
	}
	rest := body[i+len(key):]
	return rest[:strings.IndexByte(rest, '"')]
}

// Do sends a request with the client's token and returns the status and body.
func (c *Client) Do(t testing.TB, method, path, body string) (int, string) {
	t.Helper()
	res := c.Request(t, method, path, body, nil)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// Request sends a request and returns the raw response; JSON is assumed for a body.
func (c *Client) Request(t testing.TB, method, path, body string, header http.Header) *http.Response {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.srv.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Expect sends a request and checks the status and that the body holds want.
func (c *Client) Expect(t testing.TB, method, path, body string, status int, want string) string {
	t.Helper()
	got, b := c.Do(t, method, path, body)
	if got != status {
		t.Fatalf("%s %s: status %d, want %d; body: %s", method, path, got, status, b)
	}
	if !strings.Contains(b, want) {
		t.Fatalf("%s %s: body lacks %q: %s", method, path, want, b)
	}
	return b
}

// Case is one request of a table test: who sends what, and the status and
// body fragment that must come back.
type Case struct {
	Name   string
	As     *Client
	Method string
	Path   string
	Body   string
	Status int
	Want   string // a fragment the body must contain; "" checks the status alone
}

// Run sends the cases in order, each as a subtest; later cases may rely on
// what earlier ones changed.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) { tc.As.Expect(t, tc.Method, tc.Path, tc.Body, tc.Status, tc.Want) })
	}
}
