package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"devpath/internal/devpathtest"
	"devpath/internal/jobs"
	"devpath/internal/store"
)

type echo struct{ N int }

func (echo) Kind() string { return "test_echo" }

type flaky struct{ N int }

func (flaky) Kind() string { return "test_flaky" }

// openQueue opens a migrated store on e and a queue over it, polling every
// 50 ms unless opts say otherwise.
func openQueue(t testing.TB, e devpathtest.Engine, opts ...jobs.Options) *jobs.Queue {
	t.Helper()
	cfg := devpathtest.Config(t, e)
	st, err := store.Open(cfg.Database, cfg.SQLitePath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	log := devpathtest.Logger(t)
	if err := st.Migrate(context.Background(), log); err != nil {
		t.Fatal(err)
	}
	o := jobs.Options{Poll: 50 * time.Millisecond}
	if len(opts) > 0 {
		o = opts[0]
	}
	q, err := jobs.New(st.Engine(), st.QueueDB(), log, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return q
}

func start(t *testing.T, q *jobs.Queue) {
	t.Helper()
	if err := q.Open(); err != nil {
		t.Fatal(err)
	}
	work(t, q)
}

// work starts an open queue until the test ends.
func work(t testing.TB, q *jobs.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
}

func TestJobsRunOnceEach(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		q := openQueue(t, e)
		got := make(chan int, 10)
		jobs.Handle(q, jobs.Kind{}, func(_ context.Context, j jobs.Job[echo]) error {
			got <- j.Args.N
			return nil
		})
		start(t, q)
		for n := range 3 {
			if err := q.Insert(context.Background(), echo{n}); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[int]int{}
		for range 3 {
			select {
			case n := <-got:
				seen[n]++
			case <-time.After(30 * time.Second):
				t.Fatalf("only %d of 3 jobs ran: %v", len(seen), seen)
			}
		}
		for n := range 3 {
			if seen[n] != 1 {
				t.Errorf("job %d ran %d times, want once", n, seen[n])
			}
		}
	})
}

func TestJobsRetryUntilTheLastAttempt(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		q := openQueue(t, e)
		type try struct {
			attempt int
			last    bool
		}
		tries := make(chan try, 10)
		jobs.Handle(q, jobs.Kind{Attempts: 2}, func(_ context.Context, j jobs.Job[flaky]) error {
			tries <- try{j.Attempt, j.Last}
			return errors.New("always fails")
		})
		start(t, q)
		if err := q.Insert(context.Background(), flaky{1}); err != nil {
			t.Fatal(err)
		}
		want := []try{{1, false}, {2, true}}
		for _, w := range want {
			select {
			case got := <-tries:
				if got != w {
					t.Fatalf("attempt = %+v, want %+v", got, w)
				}
			case <-time.After(60 * time.Second):
				t.Fatalf("attempt %d never ran", w.attempt)
			}
		}
	})
}

func TestInsertBeforeOpenIsRefused(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		q := openQueue(t, e)
		if err := q.Insert(context.Background(), echo{}); !errors.Is(err, jobs.ErrNotStarted) {
			t.Fatalf("Insert before Open = %v, want ErrNotStarted", err)
		}
	})
}

type once struct{ N int }

func (once) Kind() string { return "test_once" }

func TestUniqueJobsWaitOnce(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		q := openQueue(t, e)
		got := make(chan int, 10)
		jobs.Handle(q, jobs.Kind{Unique: true}, func(_ context.Context, j jobs.Job[once]) error {
			got <- j.Args.N
			return nil
		})
		if err := q.Open(); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 1, 2} { // inserted before the queue starts, so all wait together
			if err := q.Insert(context.Background(), once{n}); err != nil {
				t.Fatal(err)
			}
		}
		work(t, q)
		seen := map[int]int{}
		for range 2 {
			select {
			case n := <-got:
				seen[n]++
			case <-time.After(30 * time.Second):
				t.Fatalf("jobs ran: %v", seen)
			}
		}
		select {
		case n := <-got:
			t.Fatalf("job %d ran again; before it: %v", n, seen)
		case <-time.After(time.Second):
		}
		if seen[1] != 1 || seen[2] != 1 {
			t.Errorf("runs by argument: %v, want one each", seen)
		}
	})
}
