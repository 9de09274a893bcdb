// Package store keeps devpath's data in SQLite or PostgreSQL through
// database/sql: hand-written SQL, one file per entity, driver errors turned
// into app errors before they leave the package.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"devpath/internal/app"
)

//go:embed migrations
var migrations embed.FS

// Store is the database behind every service.
type Store struct {
	read    *sql.DB  // a pool for reads
	write   *sql.DB  // one connection on SQLite, so writers queue in Go rather than on the file lock
	batch   *batcher // group commit for frequent small writes, on SQLite only
	dialect dialect
	stmts   sync.Map // "r"/"w" + query -> *sql.Stmt, for the hot paths
	queue   Queue    // takes jobs inside transactions; see UseQueue
}

// Queue takes a job inside one of the store's transactions, so that the
// job exists if and only if the transaction commits.
type Queue interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args interface{ Kind() string }) error
}

// UseQueue sets the queue that writes which start background work use.
func (s *Store) UseQueue(q Queue) { s.queue = q }

// errNoQueue is returned by a write that needs the job queue before UseQueue.
var errNoQueue = errors.New("store: no job queue to take the work")

func (s *Store) enqueue(ctx context.Context, tx *sql.Tx, args interface{ Kind() string }) error {
	if s.queue == nil {
		return errNoQueue
	}
	return s.queue.InsertTx(ctx, tx, args)
}

// OpenSQLite opens (creating when missing) the SQLite database at path.
func OpenSQLite(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	dsn := sqliteDSN(path)
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &Store{read: read, write: write, batch: newBatcher(write), dialect: sqlite{}}, nil
}

// sqliteDSN is how devpath opens its SQLite database. synchronous(FULL)
// makes every commit wait for the WAL to reach the disk, so that an
// acknowledged write survives a power cut and not only a crash of the
// process (NORMAL may lose the last commits then); group commit pays that
// fsync once per batch (bench/RESULTS.md measures it).
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)&_time_format=sqlite"
}

// OpenPostgres connects to the PostgreSQL database at url.
func OpenPostgres(url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	// A commit is acknowledged once it is on disk, whatever the server's
	// default says; a URL's other settings that flush locally (local,
	// remote_write, remote_apply) are kept.
	switch cfg.RuntimeParams["synchronous_commit"] {
	case "":
		cfg.RuntimeParams["synchronous_commit"] = "on"
	case "off":
		return nil, errors.New("postgres: synchronous_commit=off in the database URL: devpath acknowledges a write only once it is on disk")
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &Store{read: db, write: db, dialect: postgres{}}, nil
}

// Open opens PostgreSQL when url is a postgres:// URL, else SQLite at sqlitePath.
func Open(url, sqlitePath string) (*Store, error) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return OpenPostgres(url)
	}
	return OpenSQLite(sqlitePath)
}

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.name() }

// DBs returns the pools, for metrics.
func (s *Store) DBs() map[string]*sql.DB {
	if s.read == s.write {
		return map[string]*sql.DB{"main": s.read}
	}
	return map[string]*sql.DB{"read": s.read, "write": s.write}
}

// QueueDB is the pool the job queue works through: on SQLite the single
// writing connection, so that the queue's writes and devpath's take turns.
func (s *Store) QueueDB() *sql.DB { return s.write }

// migrator is goose over the engine's migrations.
func (s *Store) migrator() (*goose.Provider, error) {
	dir, err := fs.Sub(migrations, "migrations/"+s.dialect.name())
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(s.dialect.goose(), s.write, dir, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}

// Migrate applies the engine's pending migrations.
//
// more are other migrations to run in the same way, such as the job queue's.
// On SQLite they all run with synchronous=NORMAL, which FULL follows again
// at the end: a fresh database takes some fifty commits to build, and an
// fsync each was most of the time to the first answer. Nothing is lost by
// it: in WAL mode NORMAL keeps the database whole through a power cut, a
// migration lost with the last commits runs again at the next start, and
// the first write acknowledged afterwards flushes the WAL, migrations and all.
func (s *Store) Migrate(ctx context.Context, log *slog.Logger, more ...func(context.Context) error) (err error) {
	if s.dialect.name() == "sqlite" {
		if _, err := s.write.ExecContext(ctx, "PRAGMA synchronous=NORMAL"); err != nil {
			return err
		}
		defer func() {
			if _, ferr := s.write.ExecContext(context.WithoutCancel(ctx), "PRAGMA synchronous=FULL"); ferr != nil {
				err = errors.Join(err, ferr)
			}
		}()
	}
	if err := s.migrate(ctx, log); err != nil {
		return err
	}
	for _, m := range more {
		if err := m(ctx); err != nil {
			return err
		}
	}
	return s.prepareWrites(ctx)
}

func (s *Store) migrate(ctx context.Context, log *slog.Logger) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	for _, r := range results {
		log.Info("migrated", "engine", s.dialect.name(), "version", r.Source.Version, "file", r.Source.Path)
	}
	return nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return err
	}
	return s.write.PingContext(ctx)
}

// Close stops the batcher and closes the statements and pools.
func (s *Store) Close() error {
	if s.batch != nil {
		s.batch.close()
	}
	s.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	err := s.read.Close()
	if s.write != s.read {
		err = errors.Join(err, s.write.Close())
	}
	return err
}

// q rewrites ? placeholders to $1, $2... on PostgreSQL.
func (s *Store) q(query string) string {
	if _, ok := s.dialect.(postgres); !ok {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// groupTx runs fn in a transaction shared with other writers where the
// engine gains from it (SQLite), else in a transaction of its own.
func (s *Store) groupTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.batch == nil {
		return s.tx(ctx, fn)
	}
	return s.wrap(s.batch.do(ctx, fn), "")
}

// prepared returns a statement for query on db, prepared once and kept:
// preparing took a quarter of the CPU of a progress update.
func (s *Store) prepared(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	key := "r" + query
	if db == s.write {
		key = "w" + query
	}
	if st, ok := s.stmts.Load(key); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := db.PrepareContext(ctx, s.q(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(key, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// txExec runs query inside tx, through a statement prepared at start when
// there is one. It never prepares here: on SQLite the transaction holds the
// only writer connection, and preparing on the pool would wait for it forever.
func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	if st, ok := s.stmts.Load("w" + query); ok {
		_, err := tx.StmtContext(ctx, st.(*sql.Stmt)).ExecContext(ctx, args...)
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(query), args...)
	return err
}

// txQueryRow runs a query for one row inside tx, like txExec.
func (s *Store) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if st, ok := s.stmts.Load("w" + query); ok {
		return tx.StmtContext(ctx, st.(*sql.Stmt)).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, s.q(query), args...)
}

// prepareWrites prepares the statements of the hottest write, outside any transaction.
func (s *Store) prepareWrites(ctx context.Context) error {
	for _, q := range progressWrites(s.dialect) {
		if _, err := s.prepared(ctx, s.write, q); err != nil {
			return err
		}
	}
	return nil
}

// tx runs fn in a write transaction, committing when fn returns nil.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(err, "")
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.wrap(err, "")
	}
	return s.wrap(tx.Commit(), "")
}

// scanner is a row to read: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryOne runs a query for one row and reads it with scan; sql.ErrNoRows
// comes back as is, for s.wrap to name what was not found.
func queryOne[T any](ctx context.Context, db *sql.DB, query string, scan func(scanner, *T) error, args ...any) (T, error) {
	var v T
	err := scan(db.QueryRowContext(ctx, query, args...), &v)
	return v, err
}

// queryAll runs a query and reads every row with scan.
func queryAll[T any](ctx context.Context, db *sql.DB, query string, scan func(scanner, *T) error, args ...any) ([]T, error) {
	return rowsOf(scan)(db.QueryContext(ctx, query, args...))
}

// rowsOf returns a reader of every row of a query's results, to wrap around
// a call such as stmt.QueryContext(...).
func rowsOf[T any](scan func(scanner, *T) error) func(*sql.Rows, error) ([]T, error) {
	return func(rows *sql.Rows, err error) ([]T, error) {
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []T
		for rows.Next() {
			var v T
			if err := scan(rows, &v); err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, rows.Err()
	}
}

// affected turns "no row changed" into NotFound with the message given.
func affected(res sql.Result, err error, format string, args ...any) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.Errorf(app.NotFound, format, args...)
	}
	return nil
}
