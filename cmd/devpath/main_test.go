package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"devpath/internal/checker"
	"devpath/internal/checker/checkertest"
	"devpath/internal/config"
	"devpath/internal/devpathtest"
)

// run executes the CLI with args and environment env, returning its output and error.
func run(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRoot(func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func TestUserCreate(t *testing.T) {
	env := map[string]string{"DEVPATH_DATA_DIR": t.TempDir(), "DEVPATH_LOG_LEVEL": "warn"}
	out, _, err := run(t, env, "", "user", "create", "--email", "ops@example.org", "--name", "Ops", "--admin")
	if err != nil || !strings.Contains(out, "created admin ops@example.org") || !strings.Contains(out, "password: ") {
		t.Fatalf("create admin: %v\n%s", err, out)
	}
	out, _, err = run(t, env, "a long password\n", "user", "create", "--email", "mentor@example.org", "--name", "M", "--role", "mentor", "--password-stdin")
	if err != nil || !strings.Contains(out, "created mentor") || strings.Contains(out, "password:") {
		t.Fatalf("create mentor: %v\n%s", err, out)
	}
	if _, _, err = run(t, env, "short\n", "user", "create", "--email", "x@example.org", "--name", "X", "--password-stdin"); err == nil || !strings.Contains(err.Error(), "password") {
		t.Fatalf("short password: %v", err)
	}
	if _, _, err = run(t, env, "", "user", "create", "--email", "ops@example.org", "--name", "Again"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("duplicate: %v", err)
	}
}

// An operator's reset link opens the configured site and sets a password
// on a server sharing the data directory.
func TestUserResetLink(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DEVPATH_DATA_DIR": dir, "DEVPATH_LOG_LEVEL": "warn", "DEVPATH_BASE_URL": "https://learn.example.org"}
	if _, _, err := run(t, env, "", "user", "create", "--email", "ada@example.org", "--name", "Ada"); err != nil {
		t.Fatal(err)
	}
	out, _, err := run(t, env, "", "user", "reset-link", "--email", "ADA@example.org")
	const prefix = "https://learn.example.org/password/reset?token=dp_"
	if err != nil || !strings.HasPrefix(out, prefix) || strings.Count(out, "\n") != 1 {
		t.Fatalf("reset-link: %v %q", err, out)
	}
	if _, _, err := run(t, env, "", "user", "reset-link", "--email", "nobody@example.org"); err == nil || !strings.Contains(err.Error(), "no account uses nobody@example.org") {
		t.Fatalf("unknown email: %v", err)
	}

	cfg := devpathtest.Config(t, devpathtest.Engine{})
	cfg.DataDir = dir
	srv := devpathtest.Start(t, cfg)
	token := strings.TrimSpace(strings.TrimPrefix(out, "https://learn.example.org/password/reset?token="))
	c := srv.Anonymous()
	c.Expect(t, "POST", "/api/v1/password-resets/use", `{"token":"`+token+`","password":"set by a link"}`, 204, "")
	c.Login(t, "ada@example.org", "set by a link")
}

func TestRoadmapValidate(t *testing.T) {
	out, _, err := run(t, nil, "", "roadmap", "validate", "../../content/roadmaps/backend")
	if err != nil || !strings.Contains(out, `roadmap "backend" is valid`) {
		t.Fatalf("shipped roadmap: %v %s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "tiny")
	os.MkdirAll(filepath.Join(dir, "topics"), 0o755)
	os.WriteFile(filepath.Join(dir, "roadmap.yaml"), []byte("slug: tiny\ntitle: Tiny\nversion: 1\nsteps:\n  - {id: s, title: S}\ntopics:\n  - {id: a, title: A, step: s, estimate_hours: 2, prerequisites: [a2]}\n"), 0o644)
	_, errOut, err := run(t, nil, "", "roadmap", "validate", dir)
	if err == nil || !strings.Contains(errOut, `roadmap.yaml:7: topic "a": unknown prerequisite "a2"`) || !strings.Contains(errOut, `has no file`) {
		t.Fatalf("broken roadmap: %v\n%s", err, errOut)
	}
}

func TestVersionAndBadConfig(t *testing.T) {
	if out, _, err := run(t, nil, "", "version"); err != nil || !strings.HasPrefix(out, "devpath ") {
		t.Fatalf("version: %v %q", err, out)
	}
	if _, _, err := run(t, map[string]string{"DEVPATH_DB": "mysql://nope"}, "", "migrate"); err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Fatalf("bad database URL: %v", err)
	}
}

func TestCheckNothingListening(t *testing.T) {
	report := filepath.Join(t.TempDir(), "report.json")
	out, _, err := run(t, nil, "", "check", "--project", "notes-api", "--url", "http://127.0.0.1:1", "--timeout", "2s", "--json", report)
	if err == nil || !strings.Contains(out, "$ curl -i 'http://127.0.0.1:1/health'") || !strings.Contains(out, "0 stages passed, 1 could not be checked, 10 skipped") {
		t.Fatalf("check: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(report)
	if !strings.Contains(string(data), `"status": "error"`) || !strings.Contains(string(data), `"passed": false`) {
		t.Fatalf("json report: %s", data)
	}
	if _, _, err := run(t, nil, "", "check", "--project", "todo", "--url", "http://127.0.0.1:1"); err == nil || !strings.Contains(err.Error(), "todo") {
		t.Fatalf("unknown project: %v", err)
	}
}

// A server with only warnings passes (exit status 0); --strict makes the
// warnings failures. A failure fails either way.
func TestCheckExitStatus(t *testing.T) {
	warned := httptest.NewServer(checkertest.NewNotesServer(checker.NotesToken, checkertest.NotesCreate200))
	t.Cleanup(warned.Close)
	failed := httptest.NewServer(checkertest.NewNotesServer(checker.NotesToken, checkertest.NotesNoETag))
	t.Cleanup(failed.Close)
	for _, tc := range []struct {
		url    string
		strict bool
		pass   bool
		want   string
	}{
		{warned.URL, false, true, "11 stages passed, 1 warning in "},
		{warned.URL, true, false, "Warnings count as failures (--strict)"},
		{failed.URL, false, false, "10 stages passed, 1 failed in "},
	} {
		args := []string{"check", "--project", "notes-api", "--url", tc.url}
		if tc.strict {
			args = append(args, "--strict")
		}
		out, _, err := run(t, nil, "", args...)
		if (err == nil) != tc.pass || !strings.Contains(out, tc.want) {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
}

// serve says which addresses the checker may dial, and how that was chosen.
func TestLogCheckMode(t *testing.T) {
	for _, tc := range []struct {
		addr, set string
		want      string
	}{
		{"localhost:8080", "", `level=INFO msg="project checker" network=loopback chosen="from --addr`},
		{":8080", "", `level=INFO msg="project checker" network=public chosen="from --addr`},
		{":8080", "public", `level=INFO msg="project checker" network=public chosen="by --check-network"`},
		{"localhost:8080", "loopback", `level=INFO msg="project checker" network=loopback chosen="by --check-network"`},
		{":8080", "loopback", `level=WARN msg="project checker" network=loopback chosen="by --check-network" risk=`},
	} {
		cfg := config.Default()
		cfg.Addr, cfg.CheckNetwork = tc.addr, tc.set
		var buf bytes.Buffer
		logCheckMode(slog.New(slog.NewTextHandler(&buf, nil)), cfg)
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("addr %q, --check-network %q: logged %q, want %q", tc.addr, tc.set, buf.String(), tc.want)
		}
	}
}

func TestBackupRestore(t *testing.T) {
	env := map[string]string{"DEVPATH_DATA_DIR": t.TempDir(), "DEVPATH_LOG_LEVEL": "warn"}
	if _, _, err := run(t, env, "", "user", "create", "--email", "ops@example.org", "--name", "Ops", "--admin"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "devpath-backup.db")
	out, _, err := run(t, env, "", "backup", file)
	if err != nil || !strings.Contains(out, "backed up ") || !strings.Contains(out, "to "+file) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if _, _, err := run(t, env, "", "backup", file); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("backup over a file: %v", err)
	}

	fresh := map[string]string{"DEVPATH_DATA_DIR": t.TempDir(), "DEVPATH_LOG_LEVEL": "warn"}
	out, _, err = run(t, fresh, "", "restore", file)
	if err != nil || !strings.Contains(out, "integrity ok") || !strings.Contains(out, "restored ") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if _, _, err := run(t, fresh, "", "user", "create", "--email", "ops@example.org", "--name", "Again"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("the restored database lacks the account: %v", err)
	}
	out, _, err = run(t, fresh, "", "restore", file)
	if err != nil || !strings.Contains(out, "replaced ") {
		t.Fatalf("restore over a database: %v\n%s", err, out)
	}

	pg := map[string]string{"DEVPATH_DB": "postgres://devpath@localhost/devpath"}
	for _, tc := range [][]string{{"backup", file + ".2"}, {"restore", file}} {
		if _, _, err := run(t, pg, "", tc...); err == nil || !strings.Contains(err.Error(), "pg_") {
			t.Fatalf("%s on PostgreSQL: %v", tc[0], err)
		}
	}
}

func TestProgressBar(t *testing.T) {
	var b strings.Builder
	bar := &progressBar{bar: newBar(&b, "checking"), then: "copying"}
	bar.show(1<<20, 4<<20)
	time.Sleep(150 * time.Millisecond) // the bar redraws at most every 100 ms
	bar.show(2<<20, 4<<20)
	bar.close()
	if !strings.Contains(b.String(), "copying") || !strings.Contains(b.String(), "MiB") {
		t.Fatalf("bar: %q", b.String())
	}
}
