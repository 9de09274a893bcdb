package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxBatch bounds how many writes share one transaction.
const maxBatch = 128

// batcher is group commit for SQLite: writes that arrive while a transaction
// is running wait, then all run together in the next one, each inside its
// own savepoint so that one failure does not undo the others. Every caller
// is answered after the commit that holds its write, so an acknowledged
// write is as durable as a transaction of its own; the file lock, the WAL
// frames and the commit are paid once per batch instead of once per write.
type batcher struct {
	db   *sql.DB
	reqs chan *writeReq
	quit chan struct{}
	wg   sync.WaitGroup
}

type writeReq struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	done chan error
}

var errClosed = errors.New("store: closed")

func newBatcher(db *sql.DB) *batcher {
	b := &batcher{db: db, reqs: make(chan *writeReq), quit: make(chan struct{})}
	b.wg.Add(1)
	go b.loop()
	return b
}

// do runs fn in a shared transaction and returns once that transaction committed.
func (b *batcher) do(ctx context.Context, fn func(*sql.Tx) error) error {
	r := &writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case b.reqs <- r:
	case <-b.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-r.done // never abandoned: the write may commit, and the caller must know
}

func (b *batcher) loop() {
	defer b.wg.Done()
	for {
		var first *writeReq
		select {
		case first = <-b.reqs:
		case <-b.quit:
			return
		}
		b.run(b.gather(first))
	}
}

// gather takes the first request and whatever else is already waiting.
func (b *batcher) gather(first *writeReq) []*writeReq {
	batch := []*writeReq{first}
	for len(batch) < maxBatch {
		select {
		case r := <-b.reqs:
			batch = append(batch, r)
		default:
			return batch
		}
	}
	return batch
}

func (b *batcher) run(batch []*writeReq) {
	errs := make([]error, len(batch))
	tx, err := b.db.Begin()
	if err == nil {
		for i, r := range batch {
			errs[i] = savepoint(r.ctx, tx, r.fn)
		}
		err = tx.Commit()
	}
	for i, r := range batch {
		if err != nil {
			errs[i] = err
		}
		r.done <- errs[i]
	}
}

// savepoint runs fn so that its failure rolls back only its own changes.
func savepoint(ctx context.Context, tx *sql.Tx, fn func(*sql.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err // the caller gave up before its turn: do nothing for it
	}
	if _, err := tx.Exec("SAVEPOINT w"); err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Exec("ROLLBACK TO w")
		tx.Exec("RELEASE w")
		return err
	}
	_, err := tx.Exec("RELEASE w")
	return err
}

func (b *batcher) close() {
	close(b.quit)
	b.wg.Wait()
}
