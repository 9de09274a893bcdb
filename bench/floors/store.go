package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite"
)

// schema is devpath's progress tables (internal/store/migrations/sqlite), with
// a users table reduced to what the foreign keys need.
const schema = `
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS progress (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap    TEXT NOT NULL,
    topic      TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('todo', 'learning', 'done', 'skipped')),
    note       TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (user_id, roadmap, topic)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS progress_history (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    roadmap     TEXT NOT NULL,
    topic       TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    at          DATETIME NOT NULL
);
CREATE INDEX IF NOT EXISTS progress_history_user ON progress_history (user_id, roadmap, at);`

// openDB opens the database with devpath's pragmas and its single writer
// connection (internal/store/store.go), synchronous set to sync, creating the
// tables and learners.
func openDB(path string, learners int, sync string) (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
		"&_pragma=busy_timeout(10000)&_pragma=synchronous(" + sync + ")&_time_format=sqlite&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	if _, err := db.Exec(schema); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if _, err := db.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		INSERT OR IGNORE INTO users (id) SELECT i FROM n`, learners); err != nil {
		return nil, fmt.Errorf("learners: %w", err)
	}
	return db, nil
}

// apply is the write itself, the same two statements for both floors: the
// history row records the status it replaces (todo when there was none), then
// the progress row is upserted.
func apply(ctx context.Context, tx *sql.Tx, c change) error {
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO progress_history (user_id, roadmap, topic, from_status, to_status, at)
		VALUES (?, 'backend', ?, COALESCE((SELECT status FROM progress
			WHERE user_id = ? AND roadmap = 'backend' AND topic = ?), 'todo'), ?, ?)`,
		c.User, c.Topic, c.User, c.Topic, c.Status, c.At); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO progress (user_id, roadmap, topic, status, note, updated_at)
		VALUES (?, 'backend', ?, ?, ?, ?)
		ON CONFLICT (user_id, roadmap, topic) DO UPDATE
		SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
		c.User, c.Topic, c.Status, c.Note, c.At)
	return err
}

// inTx runs fn in one write transaction.
func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// naive is the naive floor: one transaction per request, queued on the one connection.
type naive struct{ db *sql.DB }

func (n naive) write(ctx context.Context, c change) error {
	return inTx(ctx, n.db, func(tx *sql.Tx) error { return apply(ctx, tx, c) })
}

// group is the group-commit floor: one goroutine owns the writer connection,
// takes every change waiting in the queue, applies them in one transaction
// and answers each after the commit. Under load the per-transaction cost
// (begin, commit, WAL frames of shared pages) is paid once per batch.
type group struct {
	db    *sql.DB
	queue chan pending
}

type pending struct {
	c    change
	done chan error
}

// maxBatch bounds a transaction, so that one slow batch cannot hold the
// first writers' answers for long.
const maxBatch = 512

func newGroup(db *sql.DB) *group {
	g := &group{db: db, queue: make(chan pending, maxBatch)}
	go g.run()
	return g
}

func (g *group) write(ctx context.Context, c change) error {
	p := pending{c: c, done: make(chan error, 1)}
	select {
	case g.queue <- p:
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued the change will be written: wait for the verdict even if
	// the client has gone, so that the answer never lies about it.
	return <-p.done
}

func (g *group) run() {
	batch := make([]pending, 0, maxBatch)
	for p := range g.queue {
		batch = append(batch[:0], p)
	drain:
		for len(batch) < maxBatch {
			select {
			case p := <-g.queue:
				batch = append(batch, p)
			default:
				break drain
			}
		}
		g.commit(batch)
	}
}

// commit writes a batch in one transaction. If anything in it fails, each
// change is retried in a transaction of its own, so that one bad write fails
// alone rather than taking its neighbours with it.
func (g *group) commit(batch []pending) {
	ctx := context.Background()
	err := inTx(ctx, g.db, func(tx *sql.Tx) error {
		for _, p := range batch {
			if err := apply(ctx, tx, p.c); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		for _, p := range batch {
			p.done <- nil
		}
		return
	}
	for _, p := range batch {
		p.done <- inTx(ctx, g.db, func(tx *sql.Tx) error { return apply(ctx, tx, p.c) })
	}
}
