package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"devpath/internal/devpathtest"
	"devpath/internal/progress"
)

func status(s progress.Status) *progress.Status { return &s }
func text(s string) *string                     { return &s }

func TestProgress(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		bob, _ := s.CreateUser(ctx, user("bob@example.org"), t0)
		up := func(topic string, st *progress.Status, note *string) progress.Update {
			return progress.Update{Roadmap: "backend", Topic: topic, Status: st, Note: note}
		}
		es, err := s.Apply(ctx, ada.ID, []progress.Update{up("http", status(progress.Done), text("RFC 9110")), up("git", status(progress.Learning), nil)}, t0)
		if err != nil || len(es) != 2 || es[0].Status != progress.Done || es[0].Note != "RFC 9110" || !es[1].UpdatedAt.Equal(t0) {
			t.Fatalf("apply: %+v %v", es, err)
		}
		// a note alone keeps the status; the same values again change nothing
		if _, err := s.Apply(ctx, ada.ID, []progress.Update{up("http", nil, text("read twice"))}, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		es, _ = s.Apply(ctx, ada.ID, []progress.Update{up("http", status(progress.Done), text("read twice"))}, t0.Add(2*time.Hour))
		if es[0].Status != progress.Done || !es[0].UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("a no-op rewrote the row: %+v", es[0])
		}
		rows, err := s.Entries(ctx, ada.ID, "backend")
		if err != nil || len(rows) != 2 {
			t.Fatalf("entries: %+v %v", rows, err)
		}
		if rows, _ := s.Entries(ctx, bob.ID, "backend"); len(rows) != 0 {
			t.Fatalf("bob sees ada's entries: %+v", rows)
		}
		h, err := s.History(ctx, ada.ID, "backend", "", 10)
		if err != nil || len(h) != 3 {
			t.Fatalf("history: %+v %v", h, err)
		}
		if h[0].Topic != "http" || h[0].From != progress.Done || h[0].To != progress.Done {
			t.Fatalf("newest change should be the note edit: %+v", h[0])
		}
		if h, _ := s.History(ctx, ada.ID, "backend", "git", 10); len(h) != 1 || h[0].From != progress.Todo || h[0].To != progress.Learning {
			t.Fatalf("history of git: %+v", h)
		}
		if ts, err := s.Activity(ctx, ada.ID, t0.Add(30*time.Minute)); err != nil || len(ts) != 1 {
			t.Fatalf("activity since: %v %v", ts, err)
		}
	})
}

// TestProgressConcurrentWriters has many requests change one topic at once:
// every change must be in the history, chained from the status it replaced.
func TestProgressConcurrentWriters(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		cycle := []progress.Status{progress.Learning, progress.Done, progress.Skipped, progress.Todo}
		const writers, each = 8, 10
		var wg sync.WaitGroup
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					st := cycle[(w+i)%len(cycle)]
					note := fmt.Sprintf("writer %d step %d", w, i) // always a change, so always a history row
					if _, err := s.Apply(ctx, ada.ID, []progress.Update{{Roadmap: "backend", Topic: "http", Status: &st, Note: &note}}, time.Now()); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		h, err := s.History(ctx, ada.ID, "backend", "http", 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != writers*each {
			t.Fatalf("%d history rows, want %d", len(h), writers*each)
		}
		// newest first: each change starts where the one before it ended
		for i := 0; i+1 < len(h); i++ {
			if h[i].From != h[i+1].To {
				t.Fatalf("history broken at %d: %s->%s follows %s->%s", i, h[i].From, h[i].To, h[i+1].From, h[i+1].To)
			}
		}
	})
}

// TestGroupCommitIsolatesFailures runs many writes at once, some of them
// refused by the database: the refused ones fail alone, the rest commit.
func TestGroupCommitIsolatesFailures(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		ctx := context.Background()
		s := open(t, e)
		ada, _ := s.CreateUser(ctx, user("ada@example.org"), t0)
		var wg sync.WaitGroup
		errs := make([]error, 60)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st := progress.Done
				if i%10 == 0 {
					st = "bogus" // past the service's check, the CHECK constraint refuses it
				}
				_, errs[i] = s.Apply(ctx, ada.ID, []progress.Update{{Roadmap: "backend", Topic: fmt.Sprintf("t%d", i), Status: &st}}, t0)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if (i%10 == 0) != (err != nil) {
				t.Fatalf("write %d: %v", i, err)
			}
		}
		rows, _ := s.Entries(ctx, ada.ID, "backend")
		h, _ := s.History(ctx, ada.ID, "backend", "", 1000)
		if len(rows) != 54 || len(h) != 54 {
			t.Fatalf("%d rows and %d history entries, want 54 of each", len(rows), len(h))
		}
	})
}
