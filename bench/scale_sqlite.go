package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// sqliteScale is the cohort on SQLite, in a file devpath's migrations made.
type sqliteScale struct {
	path string
	cur  *sql.DB // the database the queries run on
}

// devpathDSN is the DSN of internal/store/store.go's pools, with extra pragmas appended.
func devpathDSN(path, extra string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)&_time_format=sqlite" + extra
}

func openSQLiteScale(ctx context.Context, e *env) (*sqliteScale, error) {
	dir := filepath.Join(e.tmp, "scale-sqlite")
	if err := migrate(ctx, e, "--data", dir); err != nil {
		return nil, err
	}
	return &sqliteScale{path: filepath.Join(dir, "devpath.db")}, nil
}

func (s *sqliteScale) name() string          { return "SQLite" }
func (s *sqliteScale) q(query string) string { return query }
func (s *sqliteScale) db() *sql.DB           { return s.cur }

func (s *sqliteScale) close() {
	if s.cur != nil {
		s.cur.Close()
	}
}

// load inserts the cohort in one transaction per table, 500 rows a
// statement, then checkpoints the WAL so the file holds everything. The
// queries then run on a pool opened as devpath opens its read pool.
func (s *sqliteScale) load(ctx context.Context, c *cohort) error {
	db, err := sql.Open("sqlite", devpathDSN(s.path, "&_pragma=synchronous(OFF)"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tables := []struct {
		table, cols string
		rows        iter.Seq[[]any]
	}{
		{"users", "email, name, password_hash, role, created_at", c.users()},
		{"progress", "user_id, roadmap, topic, status, note, updated_at", c.progress()},
		{"progress_history", "user_id, roadmap, topic, from_status, to_status, at", c.history()},
		{"cohorts", "name, roadmap, start_date, end_date, target_date, weekly_hours, time_zone, inactive_days, behind_hours, learning_factor, repeated_failures, created_at", c.cohorts()},
		{"cohort_members", "cohort_id, user_id, joined_at", c.members()},
	}
	for _, t := range tables {
		if err := insertAll(ctx, db, t.table, t.cols, t.rows); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
		if t.table == "users" { // the progress rows name users 1..n
			if err := checkUserIDs(ctx, db, c.learners); err != nil {
				return err
			}
		}
	}
	if _, err := db.ExecContext(ctx, fillCounts); err != nil {
		return fmt.Errorf("progress_counts: %w", err)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return err
	}
	s.cur, err = sql.Open("sqlite", devpathDSN(s.path, "&_pragma=query_only(1)"))
	return err
}

// insertAll inserts rows in one transaction with multi-row INSERTs.
func insertAll(ctx context.Context, db *sql.DB, table, cols string, rows iter.Seq[[]any]) error {
	const perStmt = 500
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ncols := strings.Count(cols, ",") + 1
	insert := func(n int) string {
		row := "(" + strings.Repeat("?, ", ncols-1) + "?)"
		return "INSERT INTO " + table + " (" + cols + ") VALUES " + strings.Repeat(row+", ", n-1) + row
	}
	full, err := tx.PrepareContext(ctx, insert(perStmt))
	if err != nil {
		return err
	}
	args := make([]any, 0, perStmt*ncols)
	for r := range rows {
		args = append(args, r...)
		if len(args) == cap(args) {
			if _, err := full.ExecContext(ctx, args...); err != nil {
				return err
			}
			args = args[:0]
		}
	}
	if len(args) > 0 {
		if _, err := tx.ExecContext(ctx, insert(len(args)/ncols), args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *sqliteScale) size(ctx context.Context) (int64, error) {
	var n int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(s.path + suffix); err == nil {
			n += fi.Size()
		}
	}
	return n, nil
}

func (s *sqliteScale) indexSize(ctx context.Context, name string) (int64, error) {
	var n int64
	err := s.cur.QueryRowContext(ctx, `SELECT SUM(pgsize) FROM dbstat WHERE name = ?`, name).Scan(&n)
	return n, err
}

// copy switches to a copy of the database file, opened for writing, where
// the candidate indexes are built.
func (s *sqliteScale) copy(ctx context.Context) error {
	if err := s.cur.Close(); err != nil {
		return err
	}
	dst := strings.TrimSuffix(s.path, ".db") + "-copy.db"
	if err := copyFile(s.path, dst); err != nil {
		return err
	}
	s.path = dst
	var err error
	s.cur, err = sql.Open("sqlite", devpathDSN(dst, ""))
	if err == nil {
		s.cur.SetMaxOpenConns(1)
	}
	return err
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
