package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strconv"
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
	ada := (&devpathtest.Server{URL: a.URL}).Learner(t, "ada")
	var run struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"`+api.URL+`"}`, 202, `"status":"running"`)), &run)
	select {
	case <-api.first:
	case <-time.After(30 * time.Second):
		t.Fatal("the first instance never started the run")
	}
	a.cmd.Process.Signal(syscall.SIGKILL)
	a.cmd.Wait()

	b := start(t, e, flags...)
	onB := (&devpathtest.Server{URL: b.URL}).Anonymous()
	onB.Token = ada.Token
	deadline := time.Now().Add(2 * time.Minute)
	for run.Status == "running" && time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
		json.Unmarshal([]byte(onB.Expect(t, "GET", "/api/v1/me/checks/"+strconv.FormatInt(run.ID, 10), "", 200, "")), &run)
	}
	if run.Status != "failed" {
		t.Fatalf("run %d is %q after the instance working it was killed, want failed (the stub answers 404)", run.ID, run.Status)
	}
	if n := api.requests.Load(); n < 2 {
		t.Fatalf("the learner's server saw %d request(s): the run was not tried again", n)
	}
}
