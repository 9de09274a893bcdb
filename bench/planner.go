package main

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// plannerBench is devpath's own benchmark of the planner on a generated
// 1,000-topic roadmap (internal/plan); the bench runs it to check the budget.
const plannerBench = "BenchmarkBuild1000"

// plannerResult is a benchmark's time per operation over several runs.
type plannerResult struct {
	median, min, max time.Duration
	runs             int
}

func plannerPhase(ctx context.Context, e *env) (*plannerResult, error) {
	rs, err := goBench(ctx, e, "./internal/plan", plannerBench)
	if err != nil {
		return nil, err
	}
	return rs[plannerBench], nil
}

// goBench runs one of devpath's own benchmarks 5 times and returns the
// time per operation of it, or of each of its sub-benchmarks, by name.
func goBench(ctx context.Context, e *env, pkg, bench string) (map[string]*plannerResult, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^"+bench+"$", "-count", "5", pkg)
	cmd.Dir = e.src
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench %s: %w\n%s", bench, err, out)
	}
	ds := map[string][]time.Duration{}
	for line := range strings.SplitSeq(string(out), "\n") {
		f := strings.Fields(line)
		// BenchmarkBuild1000-2   1234   956789 ns/op   ...
		if len(f) >= 4 && strings.HasPrefix(f[0], bench) && f[3] == "ns/op" {
			ns, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return nil, err
			}
			name := f[0][:strings.LastIndexByte(f[0], '-')] // without the -GOMAXPROCS suffix
			ds[name] = append(ds[name], time.Duration(ns))
		}
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("no %s results in:\n%s", bench, out)
	}
	rs := map[string]*plannerResult{}
	for name, d := range ds {
		slices.Sort(d)
		rs[name] = &plannerResult{median: d[len(d)/2], min: d[0], max: d[len(d)-1], runs: len(d)}
	}
	return rs, nil
}
