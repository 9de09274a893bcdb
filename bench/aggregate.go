package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// point is the repetitions of one (system, scenario, clients) combined. On
// a shared machine other work can only take CPU away, so each figure comes
// from the repetition with the highest throughput, the least disturbed one;
// spread says how far below it the others fell.
type point struct {
	system        string
	scenario      scenario
	clients       int
	reps          int
	best          sample  // the repetition with the highest throughput
	rps           float64 // its throughput
	rpsMin        float64 // the lowest repetition's throughput
	p50, p90, p99 time.Duration
	failed        map[int]int // failed answers, summed over the repetitions
	peak          int64       // the highest of the repetitions' peaks
	rss           int64       // the highest resident memory at the start of a repetition
}

// cpuPerReq is the server's CPU time per answered request.
func (p *point) cpuPerReq() time.Duration {
	return p.best.cpu / time.Duration(max(p.best.ok+answeredFailures(p.best.failed), 1))
}

// cores is the server's CPU time per second of wall time.
func (p *point) cores() float64 { return p.best.cpu.Seconds() / p.best.elapsed.Seconds() }

type pointKey struct {
	system   string
	scenario scenario
	clients  int
}

// points combines samples by system, scenario and concurrency.
type points map[pointKey]*point

func combine(samples []sample) points {
	ps := points{}
	for _, s := range samples {
		k := pointKey{s.system, s.scenario, s.clients}
		p := ps[k]
		if p == nil {
			p = &point{system: s.system, scenario: s.scenario, clients: s.clients, failed: map[int]int{}, rpsMin: s.rps()}
			ps[k] = p
		}
		p.add(s)
	}
	return ps
}

func (p *point) add(s sample) {
	p.reps++
	if p.reps == 1 || s.rps() > p.rps {
		p.best, p.rps, p.p50, p.p90, p.p99 = s, s.rps(), s.p50, s.p90, s.p99
	}
	p.rpsMin = min(p.rpsMin, s.rps())
	for code, n := range s.failed {
		p.failed[code] += n
	}
	p.peak = max(p.peak, s.peak)
	p.rss = max(p.rss, s.rss)
}

// answeredFailures counts the failed requests that got an answer (a status).
func answeredFailures(m map[int]int) int {
	n := 0
	for code, v := range m {
		if code != 0 {
			n += v
		}
	}
	return n
}

func (ps points) get(system string, sc scenario, clients int) *point {
	return ps[pointKey{system, sc, clients}]
}

// spread is how far the slowest repetition's throughput fell below the best's.
func (p *point) spread() float64 {
	if p.rps == 0 {
		return 0
	}
	return 100 * (p.rps - p.rpsMin) / p.rps
}

// errorsText lists failed answers by status: "429×120, no answer×3", or "–".
func errorsText(m map[int]int) string {
	if len(m) == 0 {
		return "–"
	}
	var parts []string
	for _, code := range slices.Sorted(maps.Keys(m)) {
		name := fmt.Sprint(code)
		if code == 0 {
			name = "no answer"
		}
		parts = append(parts, fmt.Sprintf("%s×%d", name, m[code]))
	}
	return strings.Join(parts, ", ")
}

// systemsOf returns the systems that ran sc, in the order given.
func (ps points) systemsOf(sc scenario, order []string) []string {
	var out []string
	for _, name := range order {
		for k := range ps {
			if k.system == name && k.scenario == sc {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

// clientsOf returns the concurrencies measured, in increasing order.
func (ps points) clientsOf() []int {
	set := map[int]bool{}
	for k := range ps {
		set[k.clients] = true
	}
	return slices.Sorted(maps.Keys(set))
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func msText(d time.Duration) string {
	v := ms(d)
	switch {
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

func mib(b int64) string { return fmt.Sprintf("%.0f", float64(b)/(1<<20)) }
