package store

import (
	"context"
	"database/sql"
)

// MigrateTo applies the migrations up to version, for tests of a later
// migration's move of data.
func (s *Store) MigrateTo(ctx context.Context, version int64) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, version)
	return err
}

// Exec runs a statement written with ? placeholders, for tests that shape
// data as an older version left it.
func (s *Store) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.write.ExecContext(ctx, s.q(query), args...)
}

// MigrateDownTo undoes the migrations after version, for tests of a down migration.
func (s *Store) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}

// QueryRow reads one row with ? placeholders, for tests that look at the
// data as a migration left it.
func (s *Store) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.write.QueryRowContext(ctx, s.q(query), args...)
}
