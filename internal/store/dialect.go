package store

import (
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"devpath/internal/app"
)

// dialect holds what differs between the engines; everything else is portable SQL.
type dialect interface {
	name() string
	goose() goose.Dialect
	uniqueViolation(err error) bool
	// lockUsers serialises first-user checks inside a transaction.
	lockUsers() string
	// forUpdate is appended to a SELECT whose rows the transaction will
	// change, so that concurrent writers queue on them.
	forUpdate() string
}

type sqlite struct{}

func (sqlite) name() string         { return "sqlite" }
func (sqlite) goose() goose.Dialect { return goose.DialectSQLite3 }
func (sqlite) lockUsers() string    { return "" } // the single writer connection already serialises
func (sqlite) forUpdate() string    { return "" } // likewise
func (sqlite) uniqueViolation(err error) bool {
	var e *msqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

type postgres struct{}

func (postgres) name() string         { return "postgres" }
func (postgres) goose() goose.Dialect { return goose.DialectPostgres }
func (postgres) lockUsers() string    { return "SELECT pg_advisory_xact_lock(7100)" }
func (postgres) forUpdate() string    { return " FOR UPDATE" }
func (postgres) uniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}

// wrap turns driver errors into app errors: no rows become NotFound (naming
// what), unique violations Conflict. App errors pass through untouched.
func (s *Store) wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) && what != "" {
		return app.Errorf(app.NotFound, "%s not found", what)
	}
	if s.dialect.uniqueViolation(err) {
		return app.Errorf(app.Conflict, "%s already exists", orDefault(what, "record"))
	}
	return err
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
