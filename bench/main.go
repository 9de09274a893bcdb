// Command bench measures where devpath stands and writes RESULTS.md: load
// against two floors and PocketBase, cohort queries over 10,000 learners on
// SQLite and PostgreSQL, and crash safety under SIGKILL. Run it from bench/
// with `go run .` (or `make bench` at the repository root); `go run . -quick`
// checks the harness end to end in about a minute.
//
// Every server runs as its own process on loopback, on a fresh data
// directory, so that its CPU time and peak memory can be read from /proc.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

type options struct {
	root          string // the repository
	rev           string // the commit of devpath to measure; empty for the working tree
	out           string // logs and profiles
	results       string // the report
	plan          plan
	learners      int // accounts per system in the load
	scaleLearners int
	kills         int
	phases        []string
	postgres      string // a server to use for the scale phase; empty starts one
	floorSync     string // the write floors' synchronous setting
	base          string // a commit of devpath to measure beside the working tree; empty for none
	peer          bool   // run PocketBase in the load
	pg            bool   // run the PostgreSQL systems in the load
	starts        int    // cold starts per server
}

func parseFlags() options {
	o := options{}
	var clients, phases, scens string
	quick := flag.Bool("quick", false, "a short run that checks the harness: 1 s points, fewer learners, 3 kills; writes out/RESULTS-quick.md")
	flag.StringVar(&o.root, "root", "..", "the devpath repository")
	flag.StringVar(&o.base, "base", "", "also measure this commit of devpath, as \""+nameBase+"\", in the same load rounds (a before-and-after in one run)")
	flag.BoolVar(&o.peer, "peer", true, "run PocketBase in the load")
	flag.BoolVar(&o.pg, "pg", true, "run devpath on PostgreSQL, two instances behind a proxy and the pgx floor in the load (the progress update only)")
	flag.StringVar(&o.rev, "rev", "", "measure this commit of devpath (exported with git archive) instead of the working tree")
	flag.StringVar(&o.out, "out", "out", "directory for server logs and profiles")
	flag.StringVar(&o.results, "results", "RESULTS.md", "the report to write")
	flag.DurationVar(&o.plan.duration, "duration", 4*time.Second, "length of each load point")
	flag.IntVar(&o.plan.reps, "reps", 2, "repetitions of each load point")
	flag.StringVar(&clients, "clients", "1,16,64,256", "concurrent clients of the load points")
	flag.IntVar(&o.learners, "learners", 300, "accounts per system in the load")
	flag.IntVar(&o.scaleLearners, "scale-learners", 10000, "learners in the cohort database")
	flag.IntVar(&o.kills, "kills", 20, "SIGKILLs in the crash test")
	flag.StringVar(&phases, "phases", "start,load,scale,crash,planner,network,queue,notify", "which parts to run")
	flag.IntVar(&o.starts, "starts", 7, "cold starts of each server in the start phase")
	flag.StringVar(&scens, "scenarios", "", "comma-separated load scenarios to run (default all): "+scenarioNames())
	flag.StringVar(&o.floorSync, "floor-synchronous", "FULL", "the write floors' SQLite synchronous setting: FULL, as devpath, or NORMAL (to measure what FULL costs)")
	flag.StringVar(&o.postgres, "postgres", os.Getenv("DEVPATH_BENCH_POSTGRES"), "postgres:// URL of a server for the scale and queue phases (default: start a throwaway PostgreSQL 15)")
	flag.Parse()
	if *quick {
		o.plan.duration, o.plan.reps, clients = time.Second, 1, "1,16"
		o.learners, o.scaleLearners, o.kills, o.starts = 40, 500, 3, 2
		o.results = filepath.Join(o.out, "RESULTS-quick.md")
	}
	for c := range strings.SplitSeq(clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			log.Fatalf("-clients: %q is not a positive number", c)
		}
		o.plan.clients = append(o.plan.clients, n)
	}
	if o.floorSync != "FULL" && o.floorSync != "NORMAL" {
		log.Fatalf("-floor-synchronous: %q is not FULL or NORMAL", o.floorSync)
	}
	o.phases = strings.Split(phases, ",")
	o.plan.scenarios = scenarios
	if scens != "" {
		o.plan.scenarios = nil
		for name := range strings.SplitSeq(scens, ",") {
			if !slices.Contains(scenarios, scenario(name)) {
				log.Fatalf("-scenarios: %q is not one of %s", name, scenarioNames())
			}
			o.plan.scenarios = append(o.plan.scenarios, scenario(name))
		}
	}
	return o
}

func scenarioNames() string {
	var names []string
	for _, sc := range scenarios {
		names = append(names, string(sc))
	}
	return strings.Join(names, ", ")
}

func main() {
	log.SetFlags(log.Ltime)
	o := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

// results is everything the report shows.
type results struct {
	opts      options
	machine   machine
	started   time.Time
	elapsed   time.Duration
	buildTime time.Duration
	source    string            // what devpath was built from
	loadAvg   map[string]string // the machine's load average as each phase began
	start     *startResult
	load      *loadResult
	scale     []*scaleResult
	crash     *crashResult
	planner   *plannerResult
	network   map[string]*plannerResult
	queue     *queueResult
	notify    *notifyResult
	errs      []error
}

func run(ctx context.Context, o options) error {
	res := &results{opts: o, machine: readMachine(), started: time.Now(), loadAvg: map[string]string{}}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "devpath-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	e := &env{tmp: tmp, out: o.out, addrs: &sourceAddrs{}, floorSync: o.floorSync}
	if e.src, res.source, err = devpathSource(ctx, o.root, o.rev, tmp); err != nil {
		return err
	}
	log.Printf("building devpath (%s), the floors and PocketBase", res.source)
	if e.bins, res.buildTime, err = build(ctx, e.src, filepath.Join(o.root, "bench"), filepath.Join(tmp, "bin")); err != nil {
		return err
	}
	if o.base != "" {
		if e.bins.base, err = buildBase(ctx, o.root, o.base, tmp); err != nil {
			return err
		}
	}
	// A failing phase is reported and the others still run: a partial report
	// says more than none.
	if slices.Contains(o.phases, "start") {
		log.Print("start: cold starts and idle memory")
		res.start, err = startPhase(ctx, e, o.starts, o.peer)
		res.fail("start", err)
	}
	if slices.Contains(o.phases, "load") {
		res.loadAvg["load"] = loadAverage()
		res.load, err = loadPhase(ctx, e, o)
		res.fail("load", err)
	}
	if slices.Contains(o.phases, "scale") {
		res.loadAvg["scale"] = loadAverage()
		res.scale, err = scalePhase(ctx, e, o)
		res.fail("scale", err)
	}
	if slices.Contains(o.phases, "crash") {
		res.loadAvg["crash"] = loadAverage()
		res.crash, err = crashPhase(ctx, e, o.kills)
		res.fail("crash", err)
	}
	if slices.Contains(o.phases, "planner") {
		log.Print("planner: devpath's " + plannerBench)
		res.planner, err = plannerPhase(ctx, e)
		res.fail("planner", err)
	}
	if slices.Contains(o.phases, "network") {
		log.Print("network: devpath's " + networkBench)
		res.network, err = networkPhase(ctx, e)
		res.fail("network", err)
	}
	if slices.Contains(o.phases, "queue") {
		log.Print("queue: devpath's " + queueBench + " on SQLite and PostgreSQL")
		res.queue, err = queuePhase(ctx, e, o.postgres)
		res.fail("queue", err)
	}
	if slices.Contains(o.phases, "notify") {
		res.loadAvg["notify"] = loadAverage()
		log.Print("notify: the progress write with notifications on and off")
		res.notify, err = notifyPhase(ctx, e, o)
		res.fail("notify", err)
	}
	res.elapsed = time.Since(res.started)
	if err := writeReport(o.results, res); err != nil {
		return err
	}
	log.Printf("wrote %s in %s", o.results, res.elapsed.Round(time.Second))
	return errors.Join(res.errs...)
}

func (r *results) fail(phase string, err error) {
	if err != nil {
		log.Printf("%s: %v", phase, err)
		r.errs = append(r.errs, fmt.Errorf("%s: %w", phase, err))
	}
}

// loadResult is the load phase: every sample and the profiles.
type loadResult struct {
	samples   []sample
	profiles  []profile
	pageBytes map[string]int // size of each system's roadmap page
	learners  int
}

// loadPhase starts every system, measures the plan on all of them, then
// profiles devpath.
func loadPhase(ctx context.Context, e *env, o options) (*loadResult, error) {
	res := &loadResult{pageBytes: map[string]int{}, learners: o.learners}
	var systems []*system
	defer func() {
		for _, s := range systems {
			s.proc.stop()
		}
	}()
	log.Printf("starting devpath with %d learners", o.learners)
	dp, rm, err := startDevpath(ctx, e, o.learners)
	if dp != nil {
		systems = append(systems, dp)
	}
	if err != nil {
		return res, fmt.Errorf("devpath: %w", err)
	}
	page, err := pageOf(ctx, dp)
	if err != nil {
		return res, err
	}
	log.Print("starting the floors and the others")
	starts := []func() (*system, error){
		func() (*system, error) { return startFloor(ctx, e, nameNaive, "naive", o.learners, dp.topics) },
		func() (*system, error) { return startFloor(ctx, e, nameGroup, "group", o.learners, dp.topics) },
		func() (*system, error) { return startStatic(e, page) },
	}
	if e.bins.base != "" {
		starts = append(starts, func() (*system, error) {
			s, _, err := startDevpathBin(ctx, e, e.bins.base, nameBase, "devpath-base", o.learners)
			return s, err
		})
	}
	if o.peer {
		starts = append(starts, func() (*system, error) { return startPocketBase(ctx, e, rm, o.learners) })
	}
	if o.pg {
		pgSystems, stop, err := startPGSystems(ctx, e, o.learners, dp.topics)
		defer stop()
		systems = append(systems, pgSystems...)
		if err != nil {
			return res, fmt.Errorf("PostgreSQL: %w", err)
		}
	}
	for _, start := range starts {
		s, err := start()
		if s != nil {
			systems = append(systems, s)
		}
		if err != nil {
			return res, err
		}
	}
	for _, s := range systems {
		if s.api.page != nil && s.name != nameStatic {
			b, err := pageOf(ctx, s)
			if err != nil {
				return res, err
			}
			res.pageBytes[s.name] = len(b)
		}
	}
	if res.samples, err = runLoad(ctx, e, o.plan, systems); err != nil {
		return res, err
	}
	res.profiles, err = profileDevpath(ctx, e, dp, res.samples, o.plan.duration)
	return res, err
}
