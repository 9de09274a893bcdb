package credential

import (
	"context"
	"time"

	"devpath/internal/progress"
)

// SweepJob follows the progress history for topics newly marked done and
// issues the step credentials they complete. The progress write knows
// nothing of it: asking on every write whether a credential was due cost
// that write a third more CPU (BenchmarkProgressWriteDone).
type SweepJob struct{}

// Kind names the job in the queue.
func (SweepJob) Kind() string { return "credential_sweep" }

// SweepStore keeps how far the sweep has read the history.
type SweepStore interface {
	SweepMark(ctx context.Context) (int64, error)
	SetSweepMark(ctx context.Context, historyID int64) error
}

const (
	sweepBatch   = 1000
	sweepBatches = 20 // per run; the next run goes on
	// sweepSettle is how old a history row must be before the mark passes
	// it. PostgreSQL hands out ids before commit, so a row with a smaller
	// id may appear after a larger one; younger rows are read again next
	// time, which issues nothing twice.
	sweepSettle = 10 * time.Second
)

// Sweep reads the history since the last sweep and issues the credentials
// of each learner who marked a topic done there and has one due; it
// returns how many it issued.
func (s *Service) Sweep(ctx context.Context) (int, error) {
	if s.sources.Progress == nil {
		return 0, nil
	}
	mark, err := s.store.SweepMark(ctx)
	if err != nil {
		return 0, err
	}
	issued := 0
	for range sweepBatches {
		logged, err := s.sources.Progress.Logged(ctx, mark, sweepBatch)
		if err != nil {
			return issued, err
		}
		n, err := s.issueFinished(ctx, logged)
		issued += n
		if err != nil {
			return issued, err
		}
		next := settled(logged, mark, s.now().Add(-sweepSettle))
		if next != mark {
			if err := s.store.SetSweepMark(ctx, next); err != nil {
				return issued, err
			}
		}
		if len(logged) < sweepBatch || next == mark {
			return issued, nil
		}
		mark = next
	}
	return issued, nil
}

// issueFinished scans each learner who finished a topic in logged, once,
// when a step credential is due to them.
func (s *Service) issueFinished(ctx context.Context, logged []progress.Logged) (int, error) {
	seen := map[int64]bool{}
	issued := 0
	for _, l := range logged {
		if l.To != progress.Done || l.From == progress.Done || l.Roadmap != StepsRoadmap || seen[l.UserID] {
			continue
		}
		seen[l.UserID] = true
		due, err := s.Due(ctx, l.UserID, StepKind)
		if err != nil || !due {
			if err != nil {
				return issued, err
			}
			continue
		}
		n, err := s.Scan(ctx, l.UserID)
		issued += n
		if err != nil {
			return issued, err
		}
	}
	return issued, nil
}

// settled is the mark after logged: the last id of the unbroken run of
// rows at or before cutoff.
func settled(logged []progress.Logged, mark int64, cutoff time.Time) int64 {
	for _, l := range logged {
		if l.At.After(cutoff) {
			break
		}
		mark = l.ID
	}
	return mark
}
