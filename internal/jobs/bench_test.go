package jobs_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"devpath/internal/devpathtest"
	"devpath/internal/jobs"
)

type noop struct{ N int }

func (noop) Kind() string { return "bench_noop" }

// BenchmarkQueue is jobs per second through the queue on each engine, with
// the settings devpath runs with: b.N no-op jobs inserted one by one, as a
// producer does, while the workers of one queue complete them; the clock
// stops when the last is done. A queue fetches at most as many jobs as it
// has free workers, then waits out a cooldown (100 ms), so the workers set
// the ceiling: 4 (devpath's default), 32 and 256 show how far the database
// follows. Run it with a fixed count (-benchtime 2000x): with few jobs the
// quarter-second poll dominates.
func BenchmarkQueue(b *testing.B) {
	engines := []devpathtest.Engine{{Name: "sqlite"}}
	if base := os.Getenv(devpathtest.PostgresEnv); base != "" {
		engines = append(engines, devpathtest.Engine{Name: "postgres", URL: base})
	}
	for _, e := range engines {
		for _, workers := range []int{4, 32, 256} {
			b.Run(fmt.Sprintf("%s/workers=%d", e.Name, workers), func(b *testing.B) { benchQueue(b, e, workers) })
		}
	}
}

func benchQueue(b *testing.B, e devpathtest.Engine, workers int) {
	if e.URL != "" {
		e.URL = devpathtest.PostgresSchema(b, e.URL)
	}
	q := openQueue(b, e, jobs.Options{})
	var done sync.WaitGroup
	jobs.Handle(q, jobs.Kind{Workers: workers}, func(context.Context, jobs.Job[noop]) error {
		done.Done()
		return nil
	})
	if err := q.Open(); err != nil {
		b.Fatal(err)
	}
	work(b, q)
	done.Add(b.N)
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		if err := q.Insert(context.Background(), noop{i}); err != nil {
			b.Fatal(err)
		}
	}
	done.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "jobs/s")
}
