package main

import (
	"context"
	"fmt"
	"log"
	"slices"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// sample is one measured point: a system under one scenario at one
// concurrency, for one repetition.
type sample struct {
	system   string
	scenario scenario
	clients  int
	rep      int
	ok       int         // 2xx answers
	failed   map[int]int // other answers by status; 0 counts transport errors
	elapsed  time.Duration
	p50      time.Duration // percentiles of the 2xx answers
	p90      time.Duration
	p99      time.Duration
	cpu      time.Duration // the server's user+system CPU time during the point
	peak     int64         // the server's peak resident memory during the point
	rss      int64         // its resident memory as the point began
}

func (s sample) rps() float64 { return float64(s.ok) / s.elapsed.Seconds() }

// runPoint drives s closed-loop: clients workers, each sending its next
// request as soon as the last is answered, for d.
func runPoint(ctx context.Context, e *env, s *system, sc scenario, clients int, d time.Duration) (sample, error) {
	client := newClient(clients, sc == scLogin, e.addrs)
	defer client.CloseIdleConnections()
	atk := vegeta.NewAttacker(vegeta.Client(client), vegeta.Workers(uint64(clients)),
		vegeta.MaxWorkers(uint64(clients)), vegeta.MaxBody(0))
	if err := s.proc.resetPeak(); err != nil {
		return sample{}, err
	}
	rss, err := s.proc.peakRSS() // just reset: the resident memory now
	if err != nil {
		return sample{}, err
	}
	cpu0, err := s.cpu()
	if err != nil {
		return sample{}, err
	}
	out := sample{system: s.name, scenario: sc, clients: clients, failed: map[int]int{}, rss: rss}
	var lat []time.Duration
	start := time.Now()
	for r := range atk.Attack(s.targeter(sc), vegeta.Rate{Freq: 0}, d, string(sc)) {
		switch {
		case r.Code >= 200 && r.Code < 300:
			out.ok++
			lat = append(lat, r.Latency)
		default:
			out.failed[int(r.Code)]++ // Code is 0 when no answer came
		}
		if ctx.Err() != nil {
			atk.Stop()
		}
	}
	out.elapsed = time.Since(start)
	cpu1, err := s.cpu()
	if err != nil {
		return out, err
	}
	out.cpu = cpu1 - cpu0
	if out.peak, err = s.proc.peakRSS(); err != nil {
		return out, err
	}
	out.p50, out.p90, out.p99 = percentile(lat, 50), percentile(lat, 90), percentile(lat, 99)
	return out, ctx.Err()
}

// percentile returns the p-th percentile (nearest rank) of ds, sorting it.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	if !slices.IsSorted(ds) {
		slices.Sort(ds)
	}
	i := (len(ds)*p + 99) / 100
	return ds[max(i-1, 0)]
}

// plan is the load part of the run: which points, how long, how often.
type plan struct {
	scenarios []scenario
	clients   []int
	duration  time.Duration
	reps      int
}

// runLoad measures every point of p on every system that supports its
// scenario. Repetitions are whole rounds and the systems take turns within
// each point, so that noise from other work on the machine spreads over all
// of them rather than landing on one.
func runLoad(ctx context.Context, e *env, p plan, systems []*system) ([]sample, error) {
	for _, s := range systems { // warm up: connections, database caches, whatever is built on first use
		for _, sc := range p.scenarios {
			if s.supports(sc) && sc != scLogin {
				if _, err := runPoint(ctx, e, s, sc, 16, time.Second); err != nil {
					return nil, fmt.Errorf("%s warm-up: %w", s.name, err)
				}
			}
		}
	}
	var out []sample
	for rep := 1; rep <= p.reps; rep++ {
		for _, sc := range p.scenarios {
			for _, c := range p.clients {
				for _, s := range systems {
					if !s.supports(sc) {
						continue
					}
					smp, err := runPoint(ctx, e, s, sc, c, p.duration)
					if err != nil {
						return out, fmt.Errorf("%s, %s, %d clients: %w", s.name, sc, c, err)
					}
					smp.rep = rep
					out = append(out, smp)
					log.Printf("rep %d  %-18s %-16s %3d clients  %8.0f/s  p99 %7.1f ms  errors %v",
						rep, s.name, sc, c, smp.rps(), ms(smp.p99), smp.failed)
				}
			}
		}
	}
	return out, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
