package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
)

// queueBench is devpath's own benchmark of the job queue (internal/jobs):
// no-op jobs inserted and completed, on SQLite and PostgreSQL, with 4, 32
// and 256 workers.
const queueBench = "BenchmarkQueue"

// queueResult is jobs per second by sub-benchmark ("sqlite/workers=4"),
// one figure per run.
type queueResult struct {
	jobs  int
	runs  map[string][]float64
	order []string
}

func queuePhase(ctx context.Context, e *env, given string) (*queueResult, error) {
	url, stop, err := queueDatabase(ctx, given)
	if err != nil {
		return nil, err
	}
	defer stop()
	res := &queueResult{jobs: 1000, runs: map[string][]float64{}}
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^"+queueBench+"$",
		"-benchtime", strconv.Itoa(res.jobs)+"x", "-count", "3", "./internal/jobs")
	cmd.Dir = e.src
	cmd.Env = append(os.Environ(), "DEVPATH_TEST_POSTGRES="+url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench %s: %w\n%s", queueBench, err, out)
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		// BenchmarkQueue/sqlite/workers=4-2   1000   25344741 ns/op   39.46 jobs/s
		f := strings.Fields(line)
		if len(f) < 6 || !strings.HasPrefix(f[0], queueBench+"/") || f[5] != "jobs/s" {
			continue
		}
		name := strings.TrimPrefix(f[0][:strings.LastIndexByte(f[0], '-')], queueBench+"/")
		v, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			return nil, err
		}
		if _, ok := res.runs[name]; !ok {
			res.order = append(res.order, name)
		}
		res.runs[name] = append(res.runs[name], v)
		log.Printf("queue: %s %.0f jobs/s", name, v)
	}
	if len(res.runs) == 0 {
		return nil, fmt.Errorf("no %s results in:\n%s", queueBench, out)
	}
	return res, nil
}

// queueDatabase is a fresh PostgreSQL database for the benchmark: on the
// server given, or on a throwaway cluster.
func queueDatabase(ctx context.Context, given string) (string, func(), error) {
	stop := func() {}
	if given == "" {
		c, err := startPostgres(ctx)
		if err != nil {
			return "", nil, err
		}
		given, stop = c.url, c.stop
	}
	admin, err := sql.Open("pgx", given)
	if err != nil {
		stop()
		return "", nil, err
	}
	defer admin.Close()
	for _, ddl := range []string{"DROP DATABASE IF EXISTS bench_queue", "CREATE DATABASE bench_queue"} {
		if _, err := admin.ExecContext(ctx, ddl); err != nil {
			stop()
			return "", nil, err
		}
	}
	url, err := withDatabase(given, "bench_queue")
	return url, stop, err
}

func (r *results) writeQueue(d *doc) {
	q := r.queue
	if q == nil {
		return
	}
	d.p("## Job queue")
	d.p("devpath's own `%s` (internal/jobs), three runs: %d no-op jobs inserted one at a time while the workers of one queue "+
		"complete them, through River on each engine with devpath's settings (poll-only, a quarter-second poll); the clock "+
		"stops when the last job is done. A queue fetches at most as many jobs as it has free workers and then waits out a "+
		"100 ms cooldown, so the worker count sets a ceiling of about ten times itself per second: devpath's default is 4, "+
		"its mail queue has 8.", queueBench, q.jobs)
	var rows [][]string
	for _, name := range q.order {
		vs := slices.Clone(q.runs[name])
		slices.Sort(vs)
		rows = append(rows, []string{name, fmt.Sprintf("%.0f", vs[len(vs)/2]), fmt.Sprintf("%.0f–%.0f", vs[0], vs[len(vs)-1])})
	}
	d.table([]string{"engine / workers", "jobs/s, median", "range"}, rows)
}
