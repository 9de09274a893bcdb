package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// scaleResult is one engine's cohort database and the dashboard's query times.
type scaleResult struct {
	engine       string
	learners     int
	topics       int
	progressRows int64
	historyRows  int64
	loadTime     time.Duration
	size         int64 // the whole database, bytes
	indexes      []indexBuild
	timings      []timing
	devpath      []timing // the queries devpath runs now, on the schema as is
}

// timing is one query under one set of extra indexes.
type timing struct {
	query, variant   string
	median, min, max time.Duration
	rows             int
}

type indexBuild struct {
	key, name, def string
	took           time.Duration
	size           int64
}

// candidateIndexes are the indexes the dashboard might want, measured on a
// copy of the cohort database; the schema itself is never changed here.
var candidateIndexes = []indexBuild{
	{key: "A", name: "bench_progress_topic_status", def: "ON progress (roadmap, topic, status)"},
	{key: "B", name: "bench_progress_status_topic_updated", def: "ON progress (roadmap, status, topic, updated_at)"},
	{key: "C", name: "bench_progress_learning", def: "ON progress (roadmap, topic, updated_at) WHERE status = 'learning'"},
}

// variants are the sets of candidate indexes the queries are timed under.
// C is only measured beside A: on its own it leaves the completion queries
// as slow as the schema as it is, and the stuck queries choose it either way.
var variants = [][]string{{}, {"A"}, {"B"}, {"A", "C"}}

func variantName(keys []string) string {
	if len(keys) == 0 {
		return "schema as is"
	}
	return "+" + strings.Join(keys, "+")
}

// dashQuery is one query a cohort dashboard needs.
type dashQuery struct {
	name string
	sql  string // with ? placeholders
	args []any
}

// dashboardQueries are the cohort dashboard's queries. Completion per step
// counts per topic first and joins the few resulting rows with the topic ->
// step table: joining the table with the whole of progress instead makes
// SQLite scan progress once per topic (the VALUES list becomes the outer loop).
func dashboardQueries(c *cohort) []dashQuery {
	values, args := c.stepValues()
	return []dashQuery{
		{"completion per step (counts per topic joined with topic -> step values)", `
			WITH map (topic, step) AS (VALUES ` + values + `),
			counts AS (SELECT topic, status, COUNT(*) AS n FROM progress WHERE roadmap = ? GROUP BY topic, status)
			SELECT map.step, counts.status, SUM(counts.n) FROM counts JOIN map ON map.topic = counts.topic
			GROUP BY map.step, counts.status`, append(args, "backend")},
		{"completion per topic (the caller sums the steps)", `
			SELECT topic, status, COUNT(*) FROM progress WHERE roadmap = ? GROUP BY topic, status`, []any{"backend"}},
		{"stuck longest: 20 oldest 'learning' rows overall", `
			SELECT p.user_id, u.name, p.topic, p.updated_at FROM progress p JOIN users u ON u.id = p.user_id
			WHERE p.roadmap = ? AND p.status = 'learning' ORDER BY p.updated_at LIMIT 20`, []any{"backend"}},
		{"stuck longest on one topic: 20 oldest", `
			SELECT p.user_id, u.name, p.updated_at FROM progress p JOIN users u ON u.id = p.user_id
			WHERE p.roadmap = ? AND p.topic = ? AND p.status = 'learning' ORDER BY p.updated_at LIMIT 20`,
			[]any{"backend", c.topics[c.real/2]}},
		{"stuck longest per topic: 20 oldest of each", `
			SELECT topic, user_id, updated_at FROM (
				SELECT topic, user_id, updated_at, ROW_NUMBER() OVER (PARTITION BY topic ORDER BY updated_at) AS n
				FROM progress WHERE roadmap = ? AND status = 'learning') ranked
			WHERE n <= 20`, []any{"backend"}},
	}
}

// dashboardLearners is the size of the cohort whose dashboard is timed:
// the first learners of the generated population.
const dashboardLearners = 500

// devpathQueries are the queries devpath itself runs (internal/store's
// dashboard.go, cohorts.go, opportunities.go and progress.go): completion
// per step from the counts the progress write keeps, and the reads of a
// cohort's dashboard (its practice read is left out: the generated
// population has no exercise attempts or checker runs).
func devpathQueries() []dashQuery {
	return []dashQuery{
		{"completion per step: counts per topic from progress_counts (the caller sums the steps)", `
			SELECT topic, status, SUM(n) FROM progress_counts WHERE roadmap = ? GROUP BY topic, status`, []any{"backend"}},
		{"dashboard of 500: the learners", `
			SELECT u.id, u.name, u.email, m.joined_at, COALESCE(m.mentor_id, 0), COALESCE(mu.name, '')
			FROM cohort_members m JOIN users u ON u.id = m.user_id LEFT JOIN users mu ON mu.id = m.mentor_id
			WHERE m.cohort_id = ? ORDER BY u.name, u.id`, []any{1}},
		{"dashboard of 500: their progress rows", `
			SELECT p.user_id, p.topic, p.status, p.updated_at
			FROM cohort_members m JOIN progress p ON p.user_id = m.user_id AND p.roadmap = ?
			WHERE m.cohort_id = ? AND p.status <> 'todo'`, []any{"backend", 1}},
		{"dashboard of 500: their reviews", `
			SELECT r.user_id, r.topic, r.remembered, r.at
			FROM cohort_members m JOIN reviews r ON r.user_id = m.user_id AND r.roadmap = ?
			WHERE m.cohort_id = ? ORDER BY r.at, r.id`, []any{"backend", 1}},
		{"dashboard of 500: their outcomes", `
			SELECT o.user_id, o.outcome FROM cohort_outcomes o
			JOIN cohort_members m ON m.cohort_id = o.cohort_id AND m.user_id = o.user_id
			WHERE o.cohort_id = ?`, []any{1}},
	}
}

// fillCounts sets progress_counts from the loaded rows, as the progress
// write would have kept it (the same statement as migration 00013's).
const fillCounts = `INSERT INTO progress_counts (roadmap, topic, status, shard, n)
	SELECT roadmap, topic, status, user_id % 8, COUNT(*) FROM progress
	WHERE status <> 'todo' GROUP BY roadmap, topic, status, user_id % 8`

// engine is what differs between SQLite and PostgreSQL for the scale phase.
type engine interface {
	name() string
	q(query string) string // placeholder rewriting
	load(ctx context.Context, c *cohort) error
	size(ctx context.Context) (int64, error)
	indexSize(ctx context.Context, name string) (int64, error)
	db() *sql.DB // the database the queries run on
	copy(ctx context.Context) error
	close()
}

// scalePhase generates the cohort and measures it on SQLite, then on PostgreSQL.
func scalePhase(ctx context.Context, e *env, o options) ([]*scaleResult, error) {
	c, err := newCohort(e.src, o.scaleLearners)
	if err != nil {
		return nil, err
	}
	var out []*scaleResult
	var errs []error
	for _, open := range []func() (engine, error){
		func() (engine, error) { return openSQLiteScale(ctx, e) },
		func() (engine, error) { return openPostgresScale(ctx, e, o.postgres) },
	} {
		en, err := open()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r, err := measureScale(ctx, en, c)
		en.close()
		out = append(out, r)
		errs = append(errs, err)
	}
	return out, errors.Join(errs...)
}

// measureScale loads the cohort, times the queries on the schema as it is,
// then on a copy under each variant of candidate indexes.
func measureScale(ctx context.Context, en engine, c *cohort) (*scaleResult, error) {
	r := &scaleResult{engine: en.name(), learners: c.learners, topics: len(c.topics)}
	log.Printf("scale, %s: loading %d learners x %d topics", en.name(), c.learners, len(c.topics))
	start := time.Now()
	if err := en.load(ctx, c); err != nil {
		return r, fmt.Errorf("%s: load: %w", en.name(), err)
	}
	r.loadTime = time.Since(start)
	var err error
	if r.size, err = en.size(ctx); err != nil {
		return r, err
	}
	if err := en.db().QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM progress), (SELECT COUNT(*) FROM progress_history)`).
		Scan(&r.progressRows, &r.historyRows); err != nil {
		return r, err
	}
	log.Printf("scale, %s: %d progress rows, %d history rows, %.0f MiB, loaded in %s; timing the queries",
		en.name(), r.progressRows, r.historyRows, float64(r.size)/(1<<20), r.loadTime.Round(time.Millisecond))
	for _, q := range devpathQueries() {
		t, err := timeQuery(ctx, en.db(), en.q(q.sql), q.args)
		if err != nil {
			return r, fmt.Errorf("%s: %s: %w", en.name(), q.name, err)
		}
		t.query = q.name
		r.devpath = append(r.devpath, t)
	}
	if err := r.timeAll(ctx, en, c, nil); err != nil {
		return r, err
	}
	if err := en.copy(ctx); err != nil {
		return r, fmt.Errorf("%s: copy: %w", en.name(), err)
	}
	have := map[string]bool{}
	for _, v := range variants[1:] {
		if err := r.applyVariant(ctx, en, v, have); err != nil {
			return r, err
		}
		if err := r.timeAll(ctx, en, c, v); err != nil {
			return r, err
		}
	}
	return r, nil
}

// applyVariant creates the variant's indexes and drops the others.
func (r *scaleResult) applyVariant(ctx context.Context, en engine, keys []string, have map[string]bool) error {
	for _, ix := range candidateIndexes {
		want := slices.Contains(keys, ix.key)
		switch {
		case want && !have[ix.key]:
			start := time.Now()
			if _, err := en.db().ExecContext(ctx, "CREATE INDEX "+ix.name+" "+ix.def); err != nil {
				return fmt.Errorf("%s: index %s: %w", en.name(), ix.key, err)
			}
			if !r.built(ix.key) {
				ix.took = time.Since(start)
				size, err := en.indexSize(ctx, ix.name)
				if err != nil {
					return err
				}
				ix.size = size
				r.indexes = append(r.indexes, ix)
			}
		case !want && have[ix.key]:
			if _, err := en.db().ExecContext(ctx, "DROP INDEX "+ix.name); err != nil {
				return err
			}
		}
		have[ix.key] = want
	}
	return nil
}

func (r *scaleResult) built(key string) bool {
	return slices.ContainsFunc(r.indexes, func(ix indexBuild) bool { return ix.key == key })
}

func (r *scaleResult) timeAll(ctx context.Context, en engine, c *cohort, keys []string) error {
	for _, q := range dashboardQueries(c) {
		t, err := timeQuery(ctx, en.db(), en.q(q.sql), q.args)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", en.name(), q.name, err)
		}
		t.query, t.variant = q.name, variantName(keys)
		r.timings = append(r.timings, t)
	}
	return nil
}

// timeQuery runs a query once to warm the caches, then five more times,
// reading every row, and returns the median, the fastest and the slowest.
// A query slower than a second is timed three times, to keep the run short.
func timeQuery(ctx context.Context, db *sql.DB, query string, args []any) (timing, error) {
	runs := 5
	var ds []time.Duration
	var rows int
	for i := 0; i <= runs; i++ {
		start := time.Now()
		n, err := drain(ctx, db, query, args)
		d := time.Since(start)
		if err != nil {
			return timing{}, err
		}
		if i == 0 {
			rows = n
			if d > time.Second {
				runs = 3
			}
			continue
		}
		ds = append(ds, d)
	}
	slices.Sort(ds)
	return timing{median: ds[len(ds)/2], min: ds[0], max: ds[len(ds)-1], rows: rows}, nil
}

func drain(ctx context.Context, db *sql.DB, query string, args []any) (int, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// migrate creates devpath's schema with devpath itself, so the tables are
// exactly those its migrations make.
func migrate(ctx context.Context, e *env, args ...string) error {
	out, err := exec.CommandContext(ctx, e.bins.devpath, append([]string{"migrate", "--log-level", "warn"}, args...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("devpath migrate: %w\n%s", err, out)
	}
	return nil
}

// checkUserIDs makes sure the users got ids 1..n, which the progress rows assume.
func checkUserIDs(ctx context.Context, db *sql.DB, n int) error {
	var lo, hi, count int
	if err := db.QueryRowContext(ctx, `SELECT MIN(id), MAX(id), COUNT(*) FROM users`).Scan(&lo, &hi, &count); err != nil {
		return err
	}
	if lo != 1 || hi != n || count != n {
		return fmt.Errorf("users have ids %d..%d (%d rows), want 1..%d", lo, hi, count, n)
	}
	return nil
}

// pgq rewrites ? placeholders to $1, $2... as devpath's store does.
func pgq(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
