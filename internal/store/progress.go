package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"devpath/internal/progress"
)

var _ progress.Store = (*Store)(nil)

// Apply writes updates in one transaction, shared with other learners'
// updates on SQLite (group commit). Each topic's row is read (and on
// PostgreSQL locked) before it is changed, so that concurrent updates of one
// topic queue and every history row records the status it really replaced.
func (s *Store) Apply(ctx context.Context, user int64, ups []progress.Update, at time.Time) ([]progress.Entry, error) {
	at = at.UTC()
	out := make([]progress.Entry, len(ups))
	sctx := ctx
	if s.batch != nil {
		sctx = context.WithoutCancel(ctx) // a shared transaction must not fail because one caller left
	}
	err := s.groupTx(ctx, func(tx *sql.Tx) error {
		for i, u := range ups {
			e, err := s.apply(sctx, tx, user, u, at)
			if err != nil {
				return err
			}
			out[i] = e
		}
		return nil
	})
	return out, err
}

// The statements of a progress write, prepared at start (see prepareWrites).
const (
	ensureProgress = `
		INSERT INTO progress (user_id, roadmap, topic, status, note, updated_at)
		VALUES (?, ?, ?, 'todo', '', ?) ON CONFLICT DO NOTHING`
	selectProgress = `
		SELECT status, note, updated_at FROM progress WHERE user_id = ? AND roadmap = ? AND topic = ?`
	upsertProgress = `
		INSERT INTO progress (user_id, roadmap, topic, status, note, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, roadmap, topic) DO UPDATE
		SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`
	insertHistory = `
		INSERT INTO progress_history (user_id, roadmap, topic, from_status, to_status, at)
		VALUES (?, ?, ?, ?, ?, ?)`
	// The counts per topic and status ('todo' is not counted: it is
	// everyone else), split over countShards rows by learner.
	decrementCount = `
		UPDATE progress_counts SET n = n - 1 WHERE roadmap = ? AND topic = ? AND status = ? AND shard = ?`
	incrementCount = `
		INSERT INTO progress_counts (roadmap, topic, status, shard, n) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (roadmap, topic, status, shard) DO UPDATE SET n = progress_counts.n + 1`
)

// countShards is how many rows share one count (migration 00013 says why).
const countShards = 8

func progressWrites(d dialect) []string {
	return []string{ensureProgress, selectProgress + d.forUpdate(), upsertProgress, insertHistory, decrementCount, incrementCount}
}

func (s *Store) apply(ctx context.Context, tx *sql.Tx, user int64, u progress.Update, at time.Time) (progress.Entry, error) {
	if _, ok := s.dialect.(postgres); ok {
		// make the row exist, so that the SELECT ... FOR UPDATE below has something to lock
		if err := s.txExec(ctx, tx, ensureProgress, user, u.Roadmap, u.Topic, at); err != nil {
			return progress.Entry{}, err
		}
	}
	old := progress.Entry{Topic: u.Topic, Status: progress.Todo}
	err := s.txQueryRow(ctx, tx, selectProgress+s.dialect.forUpdate(), user, u.Roadmap, u.Topic).
		Scan(&old.Status, &old.Note, &old.UpdatedAt)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return progress.Entry{}, err
	}
	next := old
	if u.Status != nil {
		next.Status = *u.Status
	}
	if u.Note != nil {
		next.Note = *u.Note
	}
	if next.Status == old.Status && next.Note == old.Note && err == nil {
		return old, nil // nothing changed: no write, no history
	}
	next.UpdatedAt = at
	if err := s.txExec(ctx, tx, upsertProgress, user, u.Roadmap, u.Topic, next.Status, next.Note, at); err != nil {
		return progress.Entry{}, err
	}
	if err := s.txExec(ctx, tx, insertHistory, user, u.Roadmap, u.Topic, old.Status, next.Status, at); err != nil {
		return progress.Entry{}, err
	}
	return next, s.count(ctx, tx, user, u.Roadmap, u.Topic, old.Status, next.Status)
}

// count moves one learner's topic from one status's count to another's.
func (s *Store) count(ctx context.Context, tx *sql.Tx, user int64, roadmap, topic string, from, to progress.Status) error {
	if from == to {
		return nil
	}
	shard := user % countShards
	if from != progress.Todo {
		if err := s.txExec(ctx, tx, decrementCount, roadmap, topic, from, shard); err != nil {
			return err
		}
	}
	if to == progress.Todo {
		return nil
	}
	return s.txExec(ctx, tx, incrementCount, roadmap, topic, to, shard)
}

// TopicCounts returns how many learners are at each status other than todo,
// per topic of a roadmap, from the counts the progress write keeps.
func (s *Store) TopicCounts(ctx context.Context, roadmap string) (map[string]map[progress.Status]int, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`
		SELECT topic, status, SUM(n) FROM progress_counts WHERE roadmap = ? GROUP BY topic, status`), roadmap)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[progress.Status]int{}
	for rows.Next() {
		var topic string
		var st progress.Status
		var n int
		if err := rows.Scan(&topic, &st, &n); err != nil {
			return nil, err
		}
		if out[topic] == nil {
			out[topic] = map[progress.Status]int{}
		}
		out[topic][st] = n
	}
	return out, rows.Err()
}

// Entries returns a learner's rows on a roadmap.
func (s *Store) Entries(ctx context.Context, user int64, roadmap string) ([]progress.Entry, error) {
	st, err := s.prepared(ctx, s.read, `
		SELECT topic, status, note, updated_at FROM progress WHERE user_id = ? AND roadmap = ?`)
	if err != nil {
		return nil, err
	}
	return rowsOf(func(rows scanner, e *progress.Entry) error {
		return rows.Scan(&e.Topic, &e.Status, &e.Note, &e.UpdatedAt)
	})(st.QueryContext(ctx, user, roadmap))
}

// History returns a learner's changes on a roadmap in the order they were written,
// newest first (by id: the times come from the callers' clocks); an empty topic means all.
func (s *Store) History(ctx context.Context, user int64, roadmap, topic string, limit int) ([]progress.Change, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT roadmap, topic, from_status, to_status, at FROM progress_history
		WHERE user_id = ? AND roadmap = ? AND (? = '' OR topic = ?)
		ORDER BY id DESC LIMIT ?`),
		func(rows scanner, c *progress.Change) error {
			return rows.Scan(&c.Roadmap, &c.Topic, &c.From, &c.To, &c.At)
		}, user, roadmap, topic, topic, limit)
}

// Activity returns the times of a learner's changes since from.
func (s *Store) Activity(ctx context.Context, user int64, from time.Time) ([]time.Time, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT at FROM progress_history WHERE user_id = ? AND at >= ? ORDER BY at`),
		func(rows scanner, t *time.Time) error { return rows.Scan(t) }, user, from.UTC())
}

// Logged lists everyone's history rows after id after, oldest first. The
// primary key orders them, so this is one range read with no index of its
// own on the progress write's table.
func (s *Store) Logged(ctx context.Context, after int64, limit int) ([]progress.Logged, error) {
	return queryAll(ctx, s.read, s.q(`
		SELECT id, user_id, roadmap, topic, from_status, to_status, at FROM progress_history
		WHERE id > ? ORDER BY id LIMIT ?`),
		func(rows scanner, l *progress.Logged) error {
			return rows.Scan(&l.ID, &l.UserID, &l.Roadmap, &l.Topic, &l.From, &l.To, &l.At)
		}, after, limit)
}
