package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"devpath/internal/app"
)

// BackupInfo describes a backup file.
type BackupInfo struct {
	Path    string
	Bytes   int64
	Version int64 // the last migration applied to it
}

// Progress is told now and then how many bytes of about total are done.
type Progress func(done, total int64)

// Backup copies the SQLite database at path into a new file dst, as one
// consistent snapshot, also while a server keeps writing to it: VACUUM INTO
// reads the database in one transaction, which WAL lets run beside the
// writer, and writes a compact copy. The copy is written under a temporary
// name beside dst, flushed to disk, then renamed, so that dst is either
// whole or absent. progress may be nil.
func Backup(ctx context.Context, path, dst string, progress Progress) (BackupInfo, error) {
	if _, err := os.Stat(path); err != nil {
		return BackupInfo{}, fmt.Errorf("no database to back up: %w", err)
	}
	if _, err := os.Lstat(dst); err == nil {
		return BackupInfo{}, app.Errorf(app.Conflict, "%s already exists: name a new file", dst)
	}
	// mode=rw: never create an empty database where there was none
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rw&_pragma=busy_timeout(10000)")
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	var total int64
	err = db.QueryRowContext(ctx, `SELECT (c.page_count - f.freelist_count) * s.page_size
		FROM pragma_page_count() c, pragma_freelist_count() f, pragma_page_size() s`).Scan(&total)
	if err != nil {
		return BackupInfo{}, fmt.Errorf("reading %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".*.partial")
	if err != nil {
		return BackupInfo{}, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // gone already once renamed

	stop := watchSize(tmp.Name(), total, progress)
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", tmp.Name()) // an empty file is allowed as the target
	stop()
	if err != nil {
		return BackupInfo{}, fmt.Errorf("backing up %s: %w", path, err)
	}
	if err := syncFile(tmp.Name()); err != nil {
		return BackupInfo{}, err
	}
	info, err := inspect(ctx, tmp.Name(), false)
	if err != nil {
		return BackupInfo{}, err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return BackupInfo{}, err
	}
	if err := syncFile(filepath.Dir(dst)); err != nil {
		return BackupInfo{}, err
	}
	if progress != nil {
		progress(info.Bytes, info.Bytes)
	}
	info.Path = dst
	return info, nil
}

// watchSize reports the size of file to progress every tenth of a second
// until stop is called: VACUUM INTO has no progress callback of its own,
// but it spills pages to the file as its cache fills.
func watchSize(file string, total int64, progress Progress) (stop func()) {
	if progress == nil {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			if st, err := os.Stat(file); err == nil {
				progress(st.Size(), max(total, st.Size()))
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// Restored says what Restore did.
type Restored struct {
	Backup   BackupInfo
	Latest   int64    // the latest migration this devpath has
	Replaced bool     // false when there was no database at the path
	Removed  []string // stale WAL, shared-memory and journal files removed
}

// Restore makes the backup in file the SQLite database at path. It refuses
// while another connection, such as a running server, has the database
// open. It checks file: PRAGMA integrity_check must say ok, and its
// migrations must not be newer than this devpath's (an older backup is
// migrated when devpath next starts). Then it copies file beside path, flushes
// it, removes the old database's WAL and shared-memory files (their frames
// would otherwise be applied to the new file) and renames the copy over
// path. progress, which may be nil, follows the copy.
func Restore(ctx context.Context, file, path string, progress Progress) (Restored, error) {
	r := Restored{Latest: LatestMigration()}
	if _, err := os.Stat(path); err == nil {
		r.Replaced = true
		if err := ensureUnused(ctx, path); err != nil {
			return r, err // before the check, which takes a while on a large file
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return r, err
	}
	info, err := inspect(ctx, file, true)
	if err != nil {
		return r, err
	}
	r.Backup = info
	if info.Version > r.Latest {
		return r, app.Errorf(app.Invalid, "%s is at migration %d, newer than this devpath's %d: restore it with the devpath that made it, or a newer one",
			file, info.Version, r.Latest)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return r, fmt.Errorf("data directory: %w", err)
	}
	tmp, err := copyBeside(file, path, progress)
	if err != nil {
		return r, err
	}
	defer os.Remove(tmp) // gone already once renamed
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		err := os.Remove(path + suffix)
		if err == nil {
			r.Removed = append(r.Removed, filepath.Base(path+suffix))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return r, err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return r, err
	}
	return r, syncFile(filepath.Dir(path))
}

// inspect reads a database file without changing it: its size, its last
// migration, and when asked whether it passes PRAGMA integrity_check.
func inspect(ctx context.Context, file string, integrity bool) (BackupInfo, error) {
	info := BackupInfo{Path: file}
	st, err := os.Stat(file)
	if err != nil {
		return info, err
	}
	info.Bytes = st.Size()
	// immutable: nothing else writes the file, so no locks, no WAL, no journal
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro&immutable=1")
	if err != nil {
		return info, err
	}
	defer db.Close()
	var tables int
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'goose_db_version'`).Scan(&tables)
	if sqliteCode(err) == sqlite3.SQLITE_NOTADB {
		return info, app.Errorf(app.Invalid, "%s is not an SQLite database", file)
	}
	if integrity {
		if err := integrityCheck(ctx, db); err != nil {
			return info, app.Errorf(app.Invalid, "%s fails the integrity check: %v", file, err)
		}
	}
	if err != nil {
		return info, fmt.Errorf("reading %s: %w", file, err)
	}
	if tables == 0 {
		return info, app.Errorf(app.Invalid, "%s is not a devpath database: it has no goose_db_version table", file)
	}
	err = db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&info.Version)
	if err != nil {
		return info, fmt.Errorf("reading the migration version of %s: %w", file, err)
	}
	return info, nil
}

// integrityCheck runs PRAGMA integrity_check and returns its first
// complaints, or the error that stopped it, unless it says ok.
func integrityCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(5)")
	if err != nil {
		return err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(lines) == 1 && lines[0] == "ok" {
		return nil
	}
	return errors.New(strings.Join(lines, "; "))
}

// ensureUnused fails when another connection has the database at path open.
// A connection in WAL mode holds a shared lock on the database file for as
// long as it is open, so an exclusive lock, tried once without waiting, is
// refused while a server runs, in this process or another. Closing the
// probe, the last connection, checkpoints the WAL into the file.
func ensureUnused(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rw&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "BEGIN EXCLUSIVE; ROLLBACK")
	if c := sqliteCode(err); c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED {
		return app.Errorf(app.Conflict, "%s is in use, by devpath serve or another command: stop it, then restore", path)
	}
	// Any other error means that nothing could use the database either
	// (it may be the damaged file that the backup replaces).
	return nil
}

// copyBeside copies file to a new temporary file in path's directory,
// flushed to disk, and returns its name.
func copyBeside(file, path string, progress Progress) (string, error) {
	src, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return "", err
	}
	mode := fs.FileMode(0o600) // it holds password hashes
	if old, err := os.Stat(path); err == nil {
		mode = old.Mode().Perm()
	}
	dst, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.restoring")
	if err != nil {
		return "", err
	}
	var w io.Writer = dst
	if progress != nil {
		w = &progressWriter{w: dst, total: st.Size(), progress: progress}
	}
	_, err = io.Copy(w, src)
	err = errors.Join(err, dst.Chmod(mode), dst.Sync(), dst.Close())
	if err != nil {
		os.Remove(dst.Name())
		return "", err
	}
	return dst.Name(), nil
}

type progressWriter struct {
	w        io.Writer
	done     int64
	total    int64
	progress Progress
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	p.progress(p.done, p.total)
	return n, err
}

// LatestMigration is the version of the newest SQLite migration this
// devpath carries.
func LatestMigration() int64 {
	entries, _ := fs.ReadDir(migrations, "migrations/sqlite")
	var latest int64
	for _, e := range entries {
		if v, err := goose.NumericComponent(e.Name()); err == nil {
			latest = max(latest, v)
		}
	}
	return latest
}

// syncFile flushes a file, or a directory's entries, to disk.
func syncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// sqliteCode is the primary result code of an SQLite error, or 0.
func sqliteCode(err error) int {
	var e *msqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}
