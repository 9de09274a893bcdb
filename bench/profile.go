package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// profile is a CPU profile of devpath taken during one extra load point.
type profile struct {
	scenario scenario
	clients  int
	why      string
	rps      float64 // throughput while profiled (the profiler costs a little)
	file     string
	flat     []string   // go tool pprof -top: where the CPU time is spent
	cum      []string   // go tool pprof -top -cum: which callers it is spent under
	packages []pkgShare // flat time summed by Go package
	marks    []pkgShare // time under the functions that explain devpath's costs
}

type pkgShare struct {
	pkg   string
	share float64 // percent of all samples
}

// profileDevpath profiles devpath, through its --pprof listener, at 64
// clients (or the nearest concurrency measured) on the progress update, which
// carries the write budget, the roadmap page, which carries the page budget,
// and whichever scenario had the lowest throughput.
func profileDevpath(ctx context.Context, e *env, dp *system, samples []sample, d time.Duration) ([]profile, error) {
	clients := nearestClients(samples, 64)
	points := []profile{
		{scenario: scPut, clients: clients, why: "the write budget"},
		{scenario: scPage, clients: clients, why: "the page budget"},
	}
	if slow := slowest(samples, dp.name, clients); slow != scPut && slow != scPage {
		points = append(points, profile{scenario: slow, clients: clients, why: "devpath's lowest throughput"})
	}
	var out []profile
	for _, p := range points {
		log.Printf("profiling devpath: %s at %d clients", p.scenario, p.clients)
		if err := takeProfile(ctx, e, dp, &p, d); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

// takeProfile runs one load point while the profiler samples devpath, then
// summarises the profile with go tool pprof.
func takeProfile(ctx context.Context, e *env, dp *system, p *profile, d time.Duration) error {
	p.file = filepath.Join(e.out, "cpu-"+strings.ReplaceAll(string(p.scenario), " ", "-")+".pprof")
	secs := max(1, int(d.Round(time.Second)/time.Second))
	var wg sync.WaitGroup
	var perr error
	wg.Go(func() {
		perr = fetch(ctx, "http://"+dp.pprof+"/debug/pprof/profile?seconds="+strconv.Itoa(secs), p.file)
	})
	smp, err := runPoint(ctx, e, dp, p.scenario, p.clients, time.Duration(secs)*time.Second)
	wg.Wait()
	if err := cmp.Or(err, perr); err != nil {
		return err
	}
	p.rps = smp.rps()
	top, err := pprofTop(ctx, e.bins.devpath, p.file)
	if err != nil {
		return err
	}
	p.flat, p.packages = head(top, 25), byPackage(top)
	cum, err := pprofTop(ctx, e.bins.devpath, p.file, "-cum")
	p.cum, p.marks = head(cum, 35), landmarks(cum)
	return err
}

// landmarkPrefixes name the functions whose time including callees says where
// a request's CPU goes: devpath's own layers, and the costs under them that
// a change in devpath could remove.
var landmarkPrefixes = []string{
	"devpath/",
	"modernc.org/sqlite.(*conn).prepareV2",    // parsing SQL: statements are prepared for every call
	"modernc.org/sqlite/lib._sqlite3VdbeExec", // running the statements
	"html/template.(*Template).Execute",
	"encoding/json.",
	"github.com/prometheus/client_golang/prometheus.(*HistogramVec)",
	"golang.org/x/crypto/argon2.IDKey",
	"runtime.gcBgMarkWorker", // garbage collection
	"internal/runtime/syscall/linux.Syscall6",
}

// landmarks picks the landmark functions out of a pprof -top -cum listing.
func landmarks(cum []string) []pkgShare {
	var out []pkgShare
	for _, l := range cum[1:] {
		f := strings.Fields(l)
		if len(f) < 6 {
			continue
		}
		sym := strings.Join(f[5:], " ")
		pct, err := strconv.ParseFloat(strings.TrimSuffix(f[4], "%"), 64)
		if err != nil || pct < 1 || !slices.ContainsFunc(landmarkPrefixes, func(p string) bool { return strings.HasPrefix(sym, p) }) {
			continue
		}
		if i := strings.IndexByte(sym, '['); i >= 0 { // long type arguments say little here
			sym = sym[:i] + "[…]" + sym[strings.LastIndexByte(sym, ']')+1:]
		}
		out = append(out, pkgShare{sym, pct})
	}
	return head(out, 25)
}

func fetch(ctx context.Context, url, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// pprofTop returns the node lines of go tool pprof -top, every node.
func pprofTop(ctx context.Context, bin, file string, extra ...string) ([]string, error) {
	args := append([]string{"tool", "pprof", "-top", "-nodecount=100000"}, extra...)
	out, err := exec.CommandContext(ctx, "go", append(args, bin, file)...).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool pprof: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	for i, l := range lines { // the header ends with the column titles
		if strings.Contains(l, "flat%") {
			return lines[i:], nil
		}
	}
	return nil, fmt.Errorf("go tool pprof: no table in %q", out)
}

// head returns the first n elements of xs, or all when there are fewer.
func head[T any](xs []T, n int) []T { return xs[:min(n, len(xs))] }

// byPackage sums the flat percentages of pprof -top lines by Go package.
func byPackage(top []string) []pkgShare {
	sums := map[string]float64{}
	for _, l := range top[1:] {
		f := strings.Fields(l)
		if len(f) < 6 {
			continue
		}
		pct, err := strconv.ParseFloat(strings.TrimSuffix(f[1], "%"), 64)
		if err != nil {
			continue
		}
		sums[packageOf(strings.Join(f[5:], " "))] += pct
	}
	var out []pkgShare
	for p, s := range sums {
		if s >= 0.1 {
			out = append(out, pkgShare{p, s})
		}
	}
	slices.SortFunc(out, func(a, b pkgShare) int { return cmp.Compare(b.share, a.share) })
	return head(out, 15)
}

// packageOf returns the package of a Go symbol such as
// "modernc.org/sqlite/lib.Xsqlite3VdbeExec" or "net/http.(*conn).serve".
func packageOf(sym string) string {
	if i := strings.IndexByte(sym, '['); i >= 0 { // type arguments may hold paths
		sym = sym[:i]
	}
	slash := strings.LastIndexByte(sym, '/')
	if dot := strings.IndexByte(sym[slash+1:], '.'); dot >= 0 {
		return sym[:slash+1+dot]
	}
	return sym
}

// nearestClients returns the measured concurrency closest to want.
func nearestClients(samples []sample, want int) int {
	best := want
	for i, s := range samples {
		if i == 0 || abs(s.clients-want) < abs(best-want) {
			best = s.clients
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }

// slowest returns the scenario in which system had its lowest mean throughput at clients.
func slowest(samples []sample, system string, clients int) scenario {
	sum, n := map[scenario]float64{}, map[scenario]int{}
	for _, s := range samples {
		if s.system == system && s.clients == clients {
			sum[s.scenario] += s.rps()
			n[s.scenario]++
		}
	}
	var worst scenario
	for sc := range sum {
		if worst == "" || sum[sc]/float64(n[sc]) < sum[worst]/float64(n[worst]) {
			worst = sc
		}
	}
	return worst
}
