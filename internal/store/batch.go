package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxBatch bounds how many writes share one transaction.
const maxBatch = 512

// batcher is group commit for SQLite: writes that arrive while a transaction
// is running wait, then all run together in the next one. Every caller is
// answered after the commit that holds its write, so an acknowledged write
// is as durable as a transaction of its own; the file lock, the WAL frames
// and the commit are paid once per batch instead of once per write. Writes
// come validated, so a batch rarely fails; when one does, its writes run
// again one transaction each, so that only the faulty one fails.
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
	if len(batch) > 1 {
		if err := b.inTx(batch); err == nil {
			for _, r := range batch {
				r.done <- nil
			}
			return
		}
	}
	for _, r := range batch {
		r.done <- b.inTx([]*writeReq{r})
	}
}

// inTx runs the writes in one transaction and commits when all succeed.
func (b *batcher) inTx(batch []*writeReq) error {
	tx, err := b.db.Begin()
	if err != nil {
		return err
	}
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			tx.Rollback()
			return err // a caller gave up before its turn: redo the others without it
		}
		if err := r.fn(tx); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

func (b *batcher) close() {
	close(b.quit)
	b.wg.Wait()
}
