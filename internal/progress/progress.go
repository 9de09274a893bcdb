// Package progress keeps each learner's status and private note per topic,
// with an append-only history of every change, and sums it up honestly.
package progress

import (
	"context"
	"time"
)

// Status is where a learner stands on a topic.
type Status string

const (
	Todo     Status = "todo"
	Learning Status = "learning"
	Done     Status = "done"
	Skipped  Status = "skipped"
)

// Statuses returns every status in the order a learner moves through them.
// The slice is the caller's own.
func Statuses() []Status { return []Status{Todo, Learning, Done, Skipped} }

// Valid tells whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case Todo, Learning, Done, Skipped:
		return true
	}
	return false
}

// MaxNote is the longest note accepted, in characters.
const MaxNote = 20000

// Entry is a learner's record for one topic.
type Entry struct {
	Topic     string    `json:"-"`
	Status    Status    `json:"status"`
	Note      string    `json:"note"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Change is one row of the append-only history.
type Change struct {
	Roadmap string    `json:"roadmap"`
	Topic   string    `json:"topic"`
	From    Status    `json:"from"`
	To      Status    `json:"to"`
	At      time.Time `json:"at"`
}

// Update is one topic's new state; a nil field stays as it is.
type Update struct {
	Roadmap string
	Topic   string
	Status  *Status
	Note    *string
}

// Store is the storage the progress service needs.
type Store interface {
	// Apply writes a learner's updates in one transaction, appending a
	// history row for each topic whose status or note changed, and returns
	// the resulting entries in the order of updates.
	Apply(ctx context.Context, user int64, updates []Update, at time.Time) ([]Entry, error)
	Entries(ctx context.Context, user int64, roadmap string) ([]Entry, error)
	History(ctx context.Context, user int64, roadmap, topic string, limit int) ([]Change, error)
	// Activity counts history rows per UTC instant since from, for streaks and the heatmap.
	Activity(ctx context.Context, user int64, from time.Time) ([]time.Time, error)
	// Logged lists every learner's changes after history id after, oldest
	// first, at most limit.
	Logged(ctx context.Context, after int64, limit int) ([]Logged, error)
}

// Logged is one change of the history with its place and learner: what a
// reader that follows everyone's progress (credentials) goes through.
type Logged struct {
	ID     int64
	UserID int64
	Change
}
