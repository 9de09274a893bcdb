package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// startResult is the start phase: for each server, its binary, how long it
// takes from exec to the first 200 on its health check on a fresh data
// directory, and its resident memory once idle after that.
type startResult struct {
	rows []startRow
	idle time.Duration // how long after the first 200 the idle memory is read
}

type startRow struct {
	name   string
	binary int64
	starts []time.Duration
	idle   []int64
}

// startPhase starts each server runs times, taking turns.
func startPhase(ctx context.Context, e *env, runs int, peer bool) (*startResult, error) {
	type server struct {
		name, bin, health string
		args              func(dir, addr string) []string
		env               []string
	}
	devpath := func(dir, addr string) []string {
		return []string{"serve", "--data", dir, "--addr", addr, "--log-level", "warn", "--metrics-addr", ""}
	}
	servers := []server{{nameDevpath, e.bins.devpath, "/healthz", devpath, nil}}
	if e.bins.base != "" {
		servers = append(servers, server{nameBase, e.bins.base, "/healthz", devpath, nil})
	}
	if peer {
		// The peer wants a roadmap to serve; an empty one will do for starting.
		rm := filepath.Join(e.tmp, "start-roadmap.json")
		if err := os.WriteFile(rm, []byte(`{"slug":"backend","title":"Backend","steps":[]}`), 0o644); err != nil {
			return nil, err
		}
		servers = append(servers, server{namePocketBase, e.bins.pocketbase, "/api/health", func(dir, addr string) []string {
			return []string{"serve", "--dir", dir, "--http", addr}
		}, []string{"BENCH_ROADMAP=" + rm}})
	}
	res := &startResult{idle: 2 * time.Second}
	for _, s := range servers {
		fi, err := os.Stat(s.bin)
		if err != nil {
			return res, err
		}
		res.rows = append(res.rows, startRow{name: s.name, binary: fi.Size()})
	}
	for run := range runs {
		for i, s := range servers {
			took, idle, err := coldStart(ctx, e, s.name, s.bin, s.health, run, s.args, s.env)
			if err != nil {
				return res, fmt.Errorf("%s: %w", s.name, err)
			}
			res.rows[i].starts = append(res.rows[i].starts, took)
			res.rows[i].idle = append(res.rows[i].idle, idle)
			log.Printf("start %d  %-16s %6.1f ms  idle %s MiB", run+1, s.name, ms(took), mib(idle))
		}
	}
	return res, nil
}

// coldStart runs bin on a fresh data directory, polls its health check
// every millisecond until it answers 200, then waits and reads its memory.
func coldStart(ctx context.Context, e *env, name, bin, health string, run int, args func(dir, addr string) []string, env []string) (time.Duration, int64, error) {
	addr, err := freeAddr()
	if err != nil {
		return 0, 0, err
	}
	dir := filepath.Join(e.tmp, "start-"+strconv.Itoa(run)+"-"+strconv.Itoa(len(name))+name)
	client := &http.Client{Timeout: time.Second}
	begin := time.Now()
	p, err := startProcess(name, e.logPath("start-"+name), env, bin, args(dir, addr)...)
	if err != nil {
		return 0, 0, err
	}
	defer p.stop()
	for {
		select {
		case <-p.exited:
			return 0, 0, fmt.Errorf("exited before answering: %v (see its log)", p.err)
		default:
		}
		if ctx.Err() != nil || time.Since(begin) > time.Minute {
			return 0, 0, fmt.Errorf("no 200 on %s within a minute", health)
		}
		if resp, err := client.Get("http://" + addr + health); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		time.Sleep(time.Millisecond)
	}
	took := time.Since(begin)
	time.Sleep(2 * time.Second)
	idle, err := p.rss()
	return took, idle, err
}

func median[T int64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func (r *results) writeStart(d *doc) {
	s := r.start
	if s == nil || len(s.rows) == 0 {
		return
	}
	d.p("## Start and memory")
	d.p("Each server started %d times in turn on a fresh data directory (devpath creates its SQLite database and applies every "+
		"migration), its health check polled every millisecond from exec until the first 200; resident memory (VmRSS) read %s "+
		"later, idle. devpath is built as `make build` builds it (`-trimpath -ldflags='-s -w'`). Medians, with the range.",
		r.opts.starts, s.idle)
	var rows [][]string
	for _, row := range s.rows {
		if len(row.starts) == 0 {
			continue
		}
		rows = append(rows, []string{row.name, fmt.Sprintf("%.1f", float64(row.binary)/1e6),
			fmt.Sprintf("%.0f (%.0f–%.0f)", ms(median(row.starts)), ms(slices.Min(row.starts)), ms(slices.Max(row.starts))),
			fmt.Sprintf("%s (%s–%s)", mib(median(row.idle)), mib(slices.Min(row.idle)), mib(slices.Max(row.idle)))})
	}
	d.table([]string{"server", "binary MB", "cold start to the first 200, ms", "idle resident MiB"}, rows)
}
