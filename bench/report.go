package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
)

// Names of the systems, as the report and the targets refer to them.
const (
	nameDevpath    = "devpath"
	nameBase       = "devpath before"
	nameNaive      = "naive floor"
	nameGroup      = "group-commit floor"
	nameStatic     = "static page"
	namePocketBase = "PocketBase"
)

var systemOrder = []string{nameDevpath, nameBase, namePG, namePGTwo, namePGFloor, nameNaive, nameGroup, nameStatic, namePocketBase}

// doc builds a Markdown document.
type doc struct{ bytes.Buffer }

func (d *doc) p(format string, args ...any) { fmt.Fprintf(d, format+"\n\n", args...) }

func (d *doc) table(header []string, rows [][]string) {
	line := func(cells []string) { fmt.Fprintf(d, "| %s |\n", strings.Join(cells, " | ")) }
	line(header)
	sep := make([]string, len(header))
	for i := range sep {
		sep[i] = "---"
	}
	line(sep)
	for _, r := range rows {
		line(r)
	}
	d.WriteString("\n")
}

func (d *doc) code(lines []string) {
	d.WriteString("```\n" + strings.Join(lines, "\n") + "\n```\n\n")
}

func writeReport(path string, r *results) error {
	var d doc
	d.p("# devpath benchmarks")
	d.p("Written by `make bench` (bench/, `go run .%s`) on %s, measuring devpath from %s. The run took %s, of which %s building.",
		r.flagsText(), r.started.UTC().Format("2006-01-02 15:04 UTC"), r.source, r.elapsed.Round(time.Second), r.buildTime.Round(time.Second))
	r.writeMachine(&d)
	var ps points
	if r.load != nil && len(r.load.samples) > 0 {
		ps = combine(r.load.samples)
	}
	r.writeSpeed(&d, ps)
	r.writeTargets(&d, ps)
	r.writeStart(&d)
	if len(ps) > 0 {
		r.writeLoad(&d, ps)
		r.writeProfiles(&d)
	}
	r.writeScale(&d)
	r.writeCrash(&d)
	r.writeQueue(&d)
	r.writeNotify(&d)
	if len(r.errs) > 0 {
		d.p("## Failures\n\nThese parts did not finish; their figures above are missing or partial:")
		for _, err := range r.errs {
			d.p("- %v", err)
		}
	}
	writeMethod(&d, r)
	return os.WriteFile(path, d.Bytes(), 0o644)
}

// loadText lists the load average at the start, as each phase began, and at the end.
func (r *results) loadText() string {
	parts := []string{"start " + r.machine.loadBefore}
	for _, phase := range []string{"load", "scale", "crash", "notify"} {
		if l, ok := r.loadAvg[phase]; ok {
			parts = append(parts, phase+" "+l)
		}
	}
	return strings.Join(append(parts, "end "+loadAverage()), "; ")
}

func (r *results) flagsText() string {
	if len(os.Args) < 2 {
		return ""
	}
	return " " + strings.Join(os.Args[1:], " ")
}

func (r *results) writeMachine(d *doc) {
	m := r.machine
	d.p("## Machine")
	d.table([]string{"", ""}, [][]string{
		{"CPU", fmt.Sprintf("%s, %d cores", m.cpu, m.cores)},
		{"memory", m.memory},
		{"kernel", m.kernel},
		{"Go", m.goVersion},
		{"load average (1, 5, 15 min)", r.loadText()},
	})
	d.p("The machine is shared and the load driver runs on the same two cores as the server under test, " +
		"so absolute figures mean little on their own: compare them with the floors and the peer measured in the same run.")
}

// target is one budget line: what, the figures, and whether it is met.
type target struct{ what, figure, met string }

func yes(ok bool) string {
	if ok {
		return "**yes**"
	}
	return "**no**"
}

func (r *results) writeTargets(d *doc, ps points) {
	d.p("## Targets")
	var ts []target
	if len(ps) > 0 {
		ts = append(ts, loadTargets(ps)...)
	}
	ts = append(ts, r.scaleTargets()...)
	if r.crash != nil {
		c := r.crash
		ts = append(ts, target{"no acknowledged write lost when killed with SIGKILL",
			fmt.Sprintf("%d lost of %d acknowledged, over %d kills", c.lost, c.acked, c.kills), yes(c.lost == 0 && c.acked > 0)})
	}
	if p := r.planner; p != nil {
		ts = append(ts, target{"planner on a 1,000-topic roadmap under 5 ms",
			fmt.Sprintf("%s ms a plan (median of %d runs of devpath's %s, %s–%s ms)", msText(p.median), p.runs, plannerBench, msText(p.min), msText(p.max)),
			yes(p.median < 5*time.Millisecond)})
	}
	ts = append(ts, networkTargets(r.network)...)
	rows := make([][]string, len(ts))
	for i, t := range ts {
		rows[i] = []string{t.what, t.figure, t.met}
	}
	d.table([]string{"target (DESIGN.md, issue 7)", "figure", "met"}, rows)
}

// loadTargets checks the budgets at 64 clients, or the concurrency nearest it.
func loadTargets(ps points) []target {
	cs := ps.clientsOf()
	c := cs[0]
	for _, x := range cs {
		if abs(x-64) < abs(c-64) {
			c = x
		}
	}
	var ts []target
	dp, naive, group := ps.get(nameDevpath, scPut, c), ps.get(nameNaive, scPut, c), ps.get(nameGroup, scPut, c)
	if dp != nil && naive != nil && group != nil {
		ts = append(ts,
			target{fmt.Sprintf("progress update, %d clients: throughput at least the naive floor's", c),
				fmt.Sprintf("%.0f/s vs %.0f/s (×%s)", dp.rps, naive.rps, ratio(dp.rps, naive.rps)), yes(dp.rps >= naive.rps)},
			target{"… aiming at the group-commit floor's",
				fmt.Sprintf("%.0f/s vs %.0f/s (×%s)", dp.rps, group.rps, ratio(dp.rps, group.rps)), yes(dp.rps >= group.rps)},
			target{"… p99 no worse than the naive floor's",
				fmt.Sprintf("%s ms vs %s ms", msText(dp.p99), msText(naive.p99)), yes(dp.p99 <= naive.p99)},
			target{"… p99 no worse than the group-commit floor's",
				fmt.Sprintf("%s ms vs %s ms", msText(dp.p99), msText(group.p99)), yes(dp.p99 <= group.p99)})
	}
	ts = append(ts, pocketBaseTarget(ps, c))
	if page, static := ps.get(nameDevpath, scPage, c), ps.get(nameStatic, scPage, c); page != nil && static != nil {
		ts = append(ts, target{fmt.Sprintf("roadmap page, %d clients: at least half a static page's throughput", c),
			fmt.Sprintf("%.0f/s vs %.0f/s (×%s)", page.rps, static.rps, ratio(page.rps, static.rps)), yes(page.rps >= static.rps/2)})
	}
	var peak int64
	var where string
	for _, p := range ps {
		if p.system == nameDevpath && p.peak > peak {
			peak, where = p.peak, fmt.Sprintf("%s, %d clients", p.scenario, p.clients)
		}
	}
	ts = append(ts, target{"devpath's memory under 150 MB under load",
		fmt.Sprintf("peak %.0f MB (%s)", float64(peak)/1e6, where), yes(peak < 150e6)})
	return ts
}

// pocketBaseTarget compares throughput on every scenario at c clients, and
// counts the points at other concurrencies where devpath is behind.
func pocketBaseTarget(ps points, c int) target {
	var behind, behindAny []string
	total := 0
	for _, sc := range scenarios {
		for _, n := range ps.clientsOf() {
			dp, pb := ps.get(nameDevpath, sc, n), ps.get(namePocketBase, sc, n)
			if dp == nil || pb == nil {
				continue
			}
			total++
			if dp.rps < pb.rps {
				behindAny = append(behindAny, fmt.Sprintf("%s at %d", sc, n))
				if n == c {
					behind = append(behind, fmt.Sprintf("%s (×%s)", sc, ratio(dp.rps, pb.rps)))
				}
			}
		}
	}
	fig := fmt.Sprintf("behind on %d of %d points", len(behindAny), total)
	if len(behind) > 0 {
		fig += fmt.Sprintf("; at %d clients behind on %s", c, strings.Join(behind, ", "))
	}
	if len(behindAny) > 0 {
		fig += " (all: " + strings.Join(behindAny, "; ") + ")"
	}
	return target{fmt.Sprintf("ahead of PocketBase on every scenario (throughput, %d clients)", c), fig, yes(len(behind) == 0)}
}

func (r *results) writeLoad(d *doc, ps points) {
	l := r.load
	d.p("## Load")
	d.p("Closed loop: N clients each send their next request as soon as the last is answered, for %s a point, %d repetition(s), "+
		"the systems taking turns point by point. %d learners per system, each seeded with the same quarter of the topics before the run. "+
		"Other work on the shared machine can only slow a repetition down, so every figure of a point comes from its repetition with "+
		"the highest throughput, and spread says how much lower the other(s) came out: a large spread marks a disturbed point. "+
		"req/s counts 2xx answers; latencies are percentiles of the 2xx answers; errors are summed over the repetitions by status; CPU is the server's own "+
		"user+system time per answered request and in cores used; peak is the server's VmHWM during the point and \"at start\" its "+
		"resident memory as the point began: Go returns freed memory to the system slowly, so a peak can be inherited from the point before.",
		r.opts.plan.duration, r.opts.plan.reps, l.learners)
	for _, sc := range r.opts.plan.scenarios {
		d.p("### %s", sc)
		var rows [][]string
		for _, c := range ps.clientsOf() {
			for _, name := range ps.systemsOf(sc, systemOrder) {
				if p := ps.get(name, sc, c); p != nil {
					rows = append(rows, []string{name, fmt.Sprint(c), fmt.Sprintf("%.0f", p.rps), fmt.Sprintf("%.0f%%", p.spread()),
						msText(p.p50), msText(p.p90), msText(p.p99), errorsText(p.failed),
						fmt.Sprintf("%.3f", ms(p.cpuPerReq())), fmt.Sprintf("%.2f", p.cores()), mib(p.peak), mib(p.rss)})
				}
			}
		}
		d.table([]string{"system", "clients", "req/s", "spread", "p50 ms", "p90 ms", "p99 ms", "errors", "CPU ms/req", "CPU cores", "peak MiB", "at start MiB"}, rows)
	}
	r.writeRatios(d, ps)
	r.writePostgres(d, ps)
}

func (r *results) writeRatios(d *doc, ps points) {
	d.p("### Ratios")
	d.p("devpath's progress update against the floors (throughput ratio above 1 is better; p99 in ms):")
	var rows [][]string
	for _, c := range ps.clientsOf() {
		dp, n, g := ps.get(nameDevpath, scPut, c), ps.get(nameNaive, scPut, c), ps.get(nameGroup, scPut, c)
		if dp == nil || n == nil || g == nil {
			continue
		}
		rows = append(rows, []string{fmt.Sprint(c), fmt.Sprintf("%.0f", dp.rps), ratio(dp.rps, n.rps), ratio(dp.rps, g.rps),
			msText(dp.p99), msText(n.p99), msText(g.p99), ratio(ms(dp.cpuPerReq()), ms(n.cpuPerReq()))})
	}
	d.table([]string{"clients", "devpath req/s", "÷ naive", "÷ group-commit", "devpath p99", "naive p99", "group-commit p99", "CPU/req ÷ naive"}, rows)

	d.p("devpath against PocketBase, every scenario (throughput ratio above 1 means devpath is ahead):")
	rows = nil
	for _, sc := range scenarios {
		for _, c := range ps.clientsOf() {
			dp, pb := ps.get(nameDevpath, sc, c), ps.get(namePocketBase, sc, c)
			if dp == nil || pb == nil {
				continue
			}
			rows = append(rows, []string{string(sc), fmt.Sprint(c), fmt.Sprintf("%.0f", dp.rps), fmt.Sprintf("%.0f", pb.rps),
				ratio(dp.rps, pb.rps), msText(dp.p99), msText(pb.p99), ratio(ms(dp.cpuPerReq()), ms(pb.cpuPerReq()))})
		}
	}
	d.table([]string{"scenario", "clients", "devpath req/s", "PocketBase req/s", "ratio", "devpath p99 ms", "PocketBase p99 ms", "CPU/req ratio"}, rows)

	d.p("devpath's roadmap page against the same bytes served from memory by bare net/http (page sizes: %s):", r.pageSizes())
	rows = nil
	for _, c := range ps.clientsOf() {
		if dp, st := ps.get(nameDevpath, scPage, c), ps.get(nameStatic, scPage, c); dp != nil && st != nil {
			rows = append(rows, []string{fmt.Sprint(c), fmt.Sprintf("%.0f", dp.rps), fmt.Sprintf("%.0f", st.rps), ratio(dp.rps, st.rps)})
		}
	}
	d.table([]string{"clients", "devpath req/s", "static req/s", "ratio"}, rows)
}

func (r *results) pageSizes() string {
	var parts []string
	for _, name := range systemOrder {
		if n, ok := r.load.pageBytes[name]; ok {
			parts = append(parts, fmt.Sprintf("%s %d bytes", name, n))
		}
	}
	return strings.Join(parts, ", ")
}

func (r *results) writeProfiles(d *doc) {
	if len(r.load.profiles) == 0 {
		return
	}
	d.p("## Profiles")
	d.p("CPU profiles of devpath taken through `serve --pprof` during one extra load point each (the profiler costs a few per cent). "+
		"The profile files are in bench/%s/; read one with `go tool pprof -http : <devpath binary> <file>` after building devpath the same way.", r.opts.out)
	for _, p := range r.load.profiles {
		d.p("### %s, %d clients (%s): %.0f req/s while profiled", p.scenario, p.clients, p.why, p.rps)
		rows := make([][]string, len(p.packages))
		for i, s := range p.packages {
			rows[i] = []string{s.pkg, fmt.Sprintf("%.1f%%", s.share)}
		}
		d.p("CPU time by package (flat):")
		d.table([]string{"package", "share"}, rows)
		rows = make([][]string, len(p.marks))
		for i, s := range p.marks {
			rows[i] = []string{"`" + s.pkg + "`", fmt.Sprintf("%.1f%%", s.share)}
		}
		d.p("Where the time goes: devpath's functions and a few costs beneath them, with their callees (cum):")
		d.table([]string{"function", "share"}, rows)
		d.p("Top functions by own time (`go tool pprof -top`):")
		d.code(p.flat)
		d.p("Top functions by time including callees (`go tool pprof -top -cum`):")
		d.code(p.cum)
	}
}

// scaleTargets checks the 50 ms budgets of DESIGN.md on devpath's own
// queries: completion per step over every learner, and a cohort's dashboard
// (its reads one after the other).
func (r *results) scaleTargets() []target {
	var ts []target
	for _, s := range r.scale {
		if len(s.devpath) == 0 {
			continue
		}
		completion := s.devpath[0]
		var dash time.Duration
		for _, t := range s.devpath[1:] {
			dash += t.median
		}
		ts = append(ts,
			target{fmt.Sprintf("completion per step on %s, %d learners x %d topics, under 50 ms", s.engine, s.learners, s.topics),
				msText(completion.median) + " ms", yes(completion.median < 50*time.Millisecond)},
			target{fmt.Sprintf("dashboard reads of a %d-learner cohort on %s, under 50 ms", dashboardLearners, s.engine),
				msText(dash) + " ms", yes(dash < 50*time.Millisecond)})
	}
	return ts
}

// slowest returns the slowest query under a variant.
func (s *scaleResult) slowest(variant string) timing {
	var worst timing
	for _, t := range s.timings {
		if t.variant == variant && t.median > worst.median {
			worst = t
		}
	}
	return worst
}

// bestVariant returns the variant whose slowest query is fastest.
func (s *scaleResult) bestVariant() string {
	best := ""
	for _, v := range variants {
		name := variantName(v)
		if best == "" || s.slowest(name).median < s.slowest(best).median {
			best = name
		}
	}
	return best
}

func (r *results) writeScale(d *doc) {
	if len(r.scale) == 0 {
		return
	}
	d.p("## Scale: the cohort dashboard")
	d.p("Learners are generated straight into a database that `devpath migrate` made: every learner has a row for every topic "+
		"of a %d-topic roadmap (the backend roadmap's own topics plus synthetic ones spread over its steps, as the budget is set "+
		"for 150 topics), having reached a random point of it: done (one in ten skipped) before it, one or two topics being "+
		"learned, todo after; each row was last changed at a random moment of the past year, and has the history that leads to it. "+
		"SQLite's tables are not analysed (devpath never runs ANALYZE); PostgreSQL's are vacuumed and analysed after the load, as "+
		"autovacuum would be soon after, and it runs with its default memory settings (shared_buffers 128 MB), fsync off. "+
		"Times are medians of five runs after one warm-up (three runs for queries over a second), every row read. "+
		"Candidate indexes are built on a copy of the database, never in the schema:", cohortTopics)
	header := []string{"", "index"}
	for _, s := range r.scale {
		header = append(header, s.engine+": build, size")
	}
	var rows [][]string
	for _, ix := range candidateIndexes {
		row := []string{ix.key, "`CREATE INDEX " + ix.name + " " + ix.def + "`"}
		for _, s := range r.scale {
			cell := "–"
			for _, b := range s.indexes {
				if b.key == ix.key {
					cell = fmt.Sprintf("%s ms, %s MiB", msText(b.took), mib(b.size))
				}
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	d.table(header, rows)
	for _, s := range r.scale {
		r.writeEngine(d, s)
	}
}

func (r *results) writeEngine(d *doc, s *scaleResult) {
	d.p("### %s", s.engine)
	d.p("%d learners, %d progress rows, %d history rows; database %s MiB; loaded in %s.",
		s.learners, s.progressRows, s.historyRows, mib(s.size), s.loadTime.Round(100*time.Millisecond))
	d.p("What devpath runs: completion from the counts the progress write keeps (`progress_counts`), and a cohort's " +
		"dashboard, whose rows devpath then sums per learner in Go (`BenchmarkAssess` in internal/cohort times that part):")
	var own [][]string
	for _, t := range s.devpath {
		own = append(own, []string{t.query, fmt.Sprint(t.rows), fmt.Sprintf("%s (%s–%s)", msText(t.median), msText(t.min), msText(t.max))})
	}
	d.table([]string{"query", "rows", "ms"}, own)
	d.p("What the counts replace: the same questions asked of every progress row, under candidate indexes:")
	header := []string{"query", "rows"}
	for _, v := range variants {
		header = append(header, variantName(v)+" ms")
	}
	var rows [][]string
	var queries []string
	for _, t := range s.timings {
		if !slices.Contains(queries, t.query) {
			queries = append(queries, t.query)
		}
	}
	for _, q := range queries {
		row := []string{q, ""}
		for _, v := range variants {
			for _, t := range s.timings {
				if t.query == q && t.variant == variantName(v) {
					row[1] = fmt.Sprint(t.rows)
					row = append(row, fmt.Sprintf("%s (%s–%s)", msText(t.median), msText(t.min), msText(t.max)))
				}
			}
		}
		rows = append(rows, row)
	}
	d.table(header, rows)
}

func (r *results) writeCrash(d *doc) {
	c := r.crash
	if c == nil {
		return
	}
	d.p("## Crash safety")
	d.p("%d writers, each owning one learner, sent progress updates with a unique note each to six topics while devpath was "+
		"killed with SIGKILL %d times at random moments 0.3-1.5 s apart and restarted on the same data directory (mean restart "+
		"to ready: %s); the last kill ended the run. The database was then opened as it was left (SQLite recovers its WAL on "+
		"open) and every row compared with the last note acknowledged for it: the stored note must be that one or a later one "+
		"whose answer the kill swallowed. The run took %s.", c.writers, c.kills, c.restart.Round(time.Millisecond), c.elapsed.Round(time.Second))
	d.table([]string{"", ""}, [][]string{
		{"writes acknowledged (2xx)", fmt.Sprint(c.acked)},
		{"writes sent but never answered (cut by a kill; may or may not be stored)", fmt.Sprint(c.unanswered)},
		{"rows checked", fmt.Sprint(c.cells)},
		{"rows missing an acknowledged write", fmt.Sprint(c.lost)},
		{"history rows of the writers (at least the acknowledged writes, at most those plus the unanswered)",
			fmt.Sprintf("%d (%s)", c.history, yes(c.history >= c.acked && c.history <= c.acked+c.unanswered))},
		{"PRAGMA integrity_check", c.integrity},
	})
	for _, ex := range c.lostExamples {
		d.p("- lost: %s", ex)
	}
}
