package e2e

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"devpath/internal/devpathtest"
)

// TestGracefulShutdown stops the server as an orchestrator does, with
// SIGTERM: it says so, finishes, and exits cleanly.
func TestGracefulShutdown(t *testing.T) {
	s := start(t, devpathtest.Engine{})
	res, err := http.Get(s.URL + "/readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", res, err)
	}
	res.Body.Close()
	s.cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15 s after SIGTERM")
	}
	var logs []string
	for l := range s.logs {
		logs = append(logs, l)
	}
	if !strings.Contains(strings.Join(logs, "\n"), "shutting down") {
		t.Fatalf("no shutdown in the log:\n%s", strings.Join(logs, "\n"))
	}
}
