// Package e2e tests devpath from the outside: the real binary, started the
// way an operator starts it, driven by a real headless Chromium.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"devpath/internal/devpathtest"
)

// binary is the devpath executable built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "devpath-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "devpath")
	// e2e is a module of its own (so that the browser driver stays out of
	// devpath's go.mod): build the binary in the product module, from its
	// go.mod, as an operator does.
	build := exec.Command("go", "build", "-o", binary, "./cmd/devpath")
	build.Dir = ".."
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building devpath:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var listening = regexp.MustCompile(`msg=listening url=(\S+)`)

// server is a running `devpath serve` process.
type server struct {
	URL  string
	Data string // its data directory, for other commands to share
	DB   string // its database URL, empty for SQLite in Data
	cmd  *exec.Cmd
	logs chan string // every line it logs, after the listening line
}

// serve starts `devpath serve` on a free port and returns its address.
func serve(t *testing.T, e devpathtest.Engine) string {
	return start(t, e).URL
}

// start runs `devpath serve` on e with the extra flags and returns it once it listens.
func start(t *testing.T, e devpathtest.Engine, flags ...string) *server {
	t.Helper()
	data := t.TempDir()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data, "--db", e.URL, "--metrics-addr", ""}, flags...)
	cmd := exec.Command(binary, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	})
	s := &server{Data: data, DB: e.URL, cmd: cmd, logs: make(chan string, 1000)}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if m := listening.FindStringSubmatch(line); m != nil {
				found <- m[1]
				continue
			}
			select {
			case s.logs <- line:
			default:
			}
		}
		close(s.logs)
	}()
	select {
	case s.URL = <-found:
		return s
	case <-time.After(30 * time.Second):
		t.Fatal("devpath did not start listening within 30s")
		return nil
	}
}

// browser returns a chromedp context on a fresh headless Chromium. Without
// DEVPATH_CHROMIUM the test is skipped; the test command always sets it.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browserFor(t, 90*time.Second)
}

// browserFor is browser for a test that needs the browser longer than 90s.
func browserFor(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path := os.Getenv("DEVPATH_CHROMIUM")
	if path == "" {
		t.Skip("DEVPATH_CHROMIUM is not set (scripts/test.sh sets it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	// the browser lives as long as ctx; the timeout goes on a child of it
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(cancelTimeout)
	return ctx
}

// do runs browser steps, failing the test at the first that fails.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// text returns the text of the first element matching a CSS selector.
func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("text of %s: %v", css, err)
	}
	return s
}
