package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/internal/app"
	"devpath/internal/devpathtest"
	"devpath/internal/progress"
	"devpath/internal/store"
)

// openAt returns a migrated SQLite store at path, closed when the test ends.
func openAt(t *testing.T, path string) *store.Store {
	t.Helper()
	s := migrated(t, path)
	t.Cleanup(func() { s.Close() })
	return s
}

// migrated returns a migrated SQLite store at path, for the caller to close.
func migrated(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(context.Background(), devpathtest.Logger(t)); err != nil {
		s.Close()
		t.Fatal(err)
	}
	return s
}

// write records one progress change of user's topic with note.
func write(ctx context.Context, s *store.Store, user int64, topic, note string) error {
	st := progress.Learning
	_, err := s.Apply(ctx, user, []progress.Update{{Roadmap: "backend", Topic: topic, Status: &st, Note: &note}}, t0)
	return err
}

// TestBackupUnderLoad backs a database up while a writer keeps changing it,
// restores the backup into a fresh data directory, and finds there every
// write acknowledged before the backup began.
func TestBackupUnderLoad(t *testing.T) {
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "devpath.db")
	s := openAt(t, src)
	ada, err := s.CreateUser(ctx, user("ada@example.org"), t0)
	if err != nil {
		t.Fatal(err)
	}
	// a few megabytes, so that the backup takes a while
	for i := range 20 {
		var ups []progress.Update
		for j := range 500 {
			st, note := progress.Done, fmt.Sprintf("seed %d %s", i*500+j, strings.Repeat("x", 200))
			ups = append(ups, progress.Update{Roadmap: "backend", Topic: fmt.Sprintf("s%06d", i*500+j), Status: &st, Note: &note})
		}
		if _, err := s.Apply(ctx, ada.ID, ups, t0); err != nil {
			t.Fatal(err)
		}
	}

	var mu sync.Mutex
	acked := 0 // writes 0..acked-1 are acknowledged
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := write(ctx, s, ada.ID, fmt.Sprintf("w%06d", i), fmt.Sprintf("write %d", i)); err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			acked = i + 1
			mu.Unlock()
		}
	})
	ackedNow := func() int {
		mu.Lock()
		defer mu.Unlock()
		return acked
	}
	for ackedNow() < 50 {
		time.Sleep(time.Millisecond)
	}

	before := ackedNow()
	file := filepath.Join(t.TempDir(), "backup.db")
	var reports []int64
	info, err := store.Backup(ctx, src, file, func(done, total int64) { reports = append(reports, done) })
	during := ackedNow() - before
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup of %d bytes; %d writes acknowledged while it ran; %d progress reports", info.Bytes, during, len(reports))
	if info.Version != store.LatestMigration() || info.Path != file || len(reports) == 0 || reports[len(reports)-1] != info.Bytes {
		t.Fatalf("backup info %+v, progress %v", info, reports)
	}

	dst := filepath.Join(t.TempDir(), "data", "devpath.db")
	r, err := store.Restore(ctx, file, dst, nil)
	if err != nil || r.Replaced || r.Backup.Version != store.LatestMigration() {
		t.Fatalf("restore: %+v %v", r, err)
	}
	restored := openAt(t, dst)
	db := restored.DBs()["read"]
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the restored database: %q %v", check, err)
	}
	notes := map[string]string{}
	rows, err := db.QueryContext(ctx, "SELECT topic, note FROM progress WHERE user_id = ?", ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var topic, note string
		if err := rows.Scan(&topic, &note); err != nil {
			t.Fatal(err)
		}
		notes[topic] = note
	}
	for i := range 10000 {
		if !strings.HasPrefix(notes[fmt.Sprintf("s%06d", i)], fmt.Sprintf("seed %d ", i)) {
			t.Fatalf("seeded row %d is missing", i)
		}
	}
	for i := range before {
		if got := notes[fmt.Sprintf("w%06d", i)]; got != fmt.Sprintf("write %d", i) {
			t.Fatalf("write %d, acknowledged before the backup began, restored as %q", i, got)
		}
	}
}

// TestRestoreRefuses feeds Restore what it must not install, then tries it
// while the database is open; the database stays as it was each time.
func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := openAt(t, filepath.Join(dir, "src", "devpath.db"))
	if _, err := src.CreateUser(ctx, user("ada@example.org"), t0); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.db")
	if _, err := store.Backup(ctx, filepath.Join(dir, "src", "devpath.db"), good, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Backup(ctx, filepath.Join(dir, "src", "devpath.db"), good, nil); app.ErrorCode(err) != app.Conflict {
		t.Fatalf("backup over an existing file: %v", err)
	}
	latest := store.LatestMigration()
	files := map[string]string{
		"corrupt":        corrupted(t, good, filepath.Join(dir, "corrupt.db")),
		"not a database": filepath.Join(dir, "notes.txt"),
		"newer":          newer(t, good, filepath.Join(dir, "newer.db"), latest+1),
	}
	if err := os.WriteFile(files["not a database"], []byte(strings.Repeat("not a database\n", 500)), 0o600); err != nil {
		t.Fatal(err)
	}

	live := filepath.Join(dir, "live", "devpath.db")
	s := migrated(t, live)
	if _, err := s.CreateUser(ctx, user("bob@example.org"), t0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, tc := range []struct {
		name string
		file string
		want string
	}{
		{"corrupt", files["corrupt"], "fails the integrity check"},
		{"not a database", files["not a database"], "not an SQLite database"},
		{"newer migrations", files["newer"], fmt.Sprintf("migration %d, newer than this devpath's %d", latest+1, latest)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := store.Restore(ctx, tc.file, live, nil)
			if app.ErrorCode(err) != app.Invalid || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want invalid: ...%s...", err, tc.want)
			}
		})
	}

	s = migrated(t, live)
	if _, err := store.Restore(ctx, good, live, nil); app.ErrorCode(err) != app.Conflict || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("restore while the database is open: %v", err)
	}
	if _, _, err := s.UserByEmail(ctx, "bob@example.org"); err != nil {
		t.Fatalf("the refused restores changed the database: %v", err)
	}
	s.Close()

	r, err := store.Restore(ctx, good, live, nil)
	if err != nil || !r.Replaced {
		t.Fatalf("restore once closed: %+v %v", r, err)
	}
	s = openAt(t, live)
	if _, _, err := s.UserByEmail(ctx, "ada@example.org"); err != nil {
		t.Fatalf("the backup's account: %v", err)
	}
	if _, _, err := s.UserByEmail(ctx, "bob@example.org"); app.ErrorCode(err) != app.NotFound {
		t.Fatalf("the replaced database's account: %v", err)
	}
}

// corrupted copies src to dst with every page after the first overwritten
// from its middle on.
func corrupted(t *testing.T, src, dst string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(b[16])<<8 | int(b[17])
	for p := pageSize; p+pageSize <= len(b); p += pageSize {
		for i := p + pageSize/2; i < p+pageSize; i++ {
			b[i] = 0x5a
		}
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

// newer copies src to dst and records migration version there as applied.
func newer(t *testing.T, src, dst string, version int64) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.OpenSQLite(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.DBs()["write"].Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (?, 1)", version); err != nil {
		t.Fatal(err)
	}
	return dst
}
