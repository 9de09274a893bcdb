package main

import (
	"context"
	"database/sql"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver devpath uses
)

const scaleDB = "devpath_bench_scale"

// pgScale is the cohort on PostgreSQL, in a database devpath's migrations made.
type pgScale struct {
	cluster  *pgCluster // nil when the server was given
	admin    *sql.DB    // the server's postgres database, for creating and dropping others
	adminURL string
	url      string
	cur      *sql.DB
	dbs      []string // databases made here, dropped at the end
}

func openPostgresScale(ctx context.Context, e *env, given string) (*pgScale, error) {
	s := &pgScale{adminURL: given}
	if given == "" {
		c, err := startPostgres(ctx)
		if err != nil {
			return nil, err
		}
		s.cluster, s.adminURL = c, c.url
	}
	var err error
	if s.admin, err = sql.Open("pgx", s.adminURL); err != nil {
		s.close()
		return nil, err
	}
	if s.url, err = s.createDB(ctx, scaleDB, ""); err != nil {
		s.close()
		return nil, err
	}
	if err := migrate(ctx, e, "--db", s.url); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// createDB makes an empty database, or a copy of template.
func (s *pgScale) createDB(ctx context.Context, name, template string) (string, error) {
	ddl := "CREATE DATABASE " + name
	if template != "" {
		ddl += " TEMPLATE " + template
	}
	if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name); err != nil {
		return "", err
	}
	if _, err := s.admin.ExecContext(ctx, ddl); err != nil {
		return "", err
	}
	s.dbs = append(s.dbs, name)
	return withDatabase(s.adminURL, name)
}

func (s *pgScale) name() string          { return "PostgreSQL" }
func (s *pgScale) q(query string) string { return pgq(query) }
func (s *pgScale) db() *sql.DB           { return s.cur }

func (s *pgScale) close() {
	if s.cur != nil {
		s.cur.Close()
	}
	if s.admin != nil {
		for _, name := range s.dbs {
			s.admin.Exec("DROP DATABASE IF EXISTS " + name)
		}
		s.admin.Close()
	}
	if s.cluster != nil {
		s.cluster.stop()
	}
}

// load copies the cohort in with COPY, then vacuums and analyses, as
// autovacuum would soon after a load this size.
func (s *pgScale) load(ctx context.Context, c *cohort) error {
	conn, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tables := []struct {
		table string
		cols  []string
		rows  iter.Seq[[]any]
	}{
		{"users", []string{"email", "name", "password_hash", "role", "created_at"}, c.users()},
		{"progress", []string{"user_id", "roadmap", "topic", "status", "note", "updated_at"}, c.progress()},
		{"progress_history", []string{"user_id", "roadmap", "topic", "from_status", "to_status", "at"}, c.history()},
		{"cohorts", []string{"name", "roadmap", "start_date", "end_date", "target_date", "weekly_hours", "time_zone", "inactive_days", "behind_hours", "learning_factor", "repeated_failures", "created_at"}, c.cohorts()},
		{"cohort_members", []string{"cohort_id", "user_id", "joined_at"}, c.members()},
	}
	for _, t := range tables {
		if err := copyRows(ctx, conn, t.table, t.cols, t.rows); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	if _, err := conn.Exec(ctx, fillCounts); err != nil {
		return fmt.Errorf("progress_counts: %w", err)
	}
	if _, err := conn.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		return err
	}
	if s.cur, err = sql.Open("pgx", s.url); err != nil {
		return err
	}
	return checkUserIDs(ctx, s.cur, c.learners)
}

func copyRows(ctx context.Context, conn *pgx.Conn, table string, cols []string, rows iter.Seq[[]any]) error {
	next, stop := iter.Pull(rows)
	defer stop()
	_, err := conn.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		r, _ := next() // nil at the end, which ends the copy
		return r, nil
	}))
	return err
}

func (s *pgScale) size(ctx context.Context) (int64, error) {
	var n int64
	err := s.cur.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
	return n, err
}

func (s *pgScale) indexSize(ctx context.Context, name string) (int64, error) {
	var n int64
	err := s.cur.QueryRowContext(ctx, `SELECT pg_relation_size($1::regclass)`, name).Scan(&n)
	return n, err
}

// copy switches to a copy of the database, where the candidate indexes are built.
func (s *pgScale) copy(ctx context.Context) error {
	if err := s.cur.Close(); err != nil {
		return err
	}
	url, err := s.createDB(ctx, scaleDB+"_copy", scaleDB)
	if err != nil {
		return err
	}
	s.cur, err = sql.Open("pgx", url)
	return err
}
