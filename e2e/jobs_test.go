package e2e

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"devpath/internal/devpathtest"
)

// stallingAPI is a learner's server that never answers its first request
// (so that a check is caught mid-run) and answers 404 to every other.
type stallingAPI struct {
	URL      string
	requests atomic.Int32
	first    chan struct{} // closed when the first request arrives
	release  chan struct{}
}

func newStallingAPI(t *testing.T) *stallingAPI {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a := &stallingAPI{URL: "http://" + ln.Addr().String(), first: make(chan struct{}), release: make(chan struct{})}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.requests.Add(1) == 1 {
			close(a.first)
			<-a.release
		}
		http.NotFound(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() {
		close(a.release)
		srv.Close()
	})
	return a
}

// TestCheckRunSurvivesAKilledInstance kills the instance working a check
// run with SIGKILL; another instance on the same PostgreSQL takes the run's
// job once it is lost and finishes the run.
func TestCheckRunSurvivesAKilledInstance(t *testing.T) {
	base := os.Getenv(devpathtest.PostgresEnv)
	if base == "" {
		t.Skip("needs PostgreSQL (scripts/test.sh sets " + devpathtest.PostgresEnv + ")")
	}
	e := devpathtest.Engine{Name: "postgres", URL: devpathtest.PostgresSchema(t, base)}
	flags := []string{"--check-timeout", "4s", "--job-rescue-after", "6s"}
	api := newStallingAPI(t)
	a := start(t, e, flags...)
	token := learnerToken(t, a.URL)
	var run struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	call(t, a.URL, token, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"`+api.URL+`"}`, 202, &run)
	select {
	case <-api.first:
	case <-time.After(30 * time.Second):
		t.Fatal("the first instance never started the run")
	}
	a.cmd.Process.Signal(syscall.SIGKILL)
	a.cmd.Wait()

	b := start(t, e, flags...)
	deadline := time.Now().Add(2 * time.Minute)
	for run.Status == "running" && time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
		call(t, b.URL, token, "GET", "/api/v1/me/checks/"+strconv.FormatInt(run.ID, 10), "", 200, &run)
	}
	if run.Status != "failed" {
		t.Fatalf("run %d is %q after the instance working it was killed, want failed (the stub answers 404)", run.ID, run.Status)
	}
	if n := api.requests.Load(); n < 2 {
		t.Fatalf("the learner's server saw %d request(s): the run was not tried again", n)
	}
}

// learnerToken registers a learner on the server at url and returns a token.
func learnerToken(t *testing.T, url string) string {
	t.Helper()
	call(t, url, "", "POST", "/api/v1/users", `{"email":"ada@example.org","password":"`+devpathtest.Password+`","name":"Ada"}`, 201, nil)
	var s struct{ Token string }
	call(t, url, "", "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"`+devpathtest.Password+`"}`, 201, &s)
	return s.Token
}

// call sends a JSON request and decodes the answer into out, failing on another status.
func call(t *testing.T, base, token, method, path, body string, want int, out any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("%s %s: %d %s, want %d", method, path, res.StatusCode, b, want)
	}
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
}
