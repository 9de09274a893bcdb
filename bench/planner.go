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

// plannerResult is that benchmark's time per plan over several runs.
type plannerResult struct {
	median, min, max time.Duration
	runs             int
}

func plannerPhase(ctx context.Context, e *env) (*plannerResult, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^"+plannerBench+"$", "-count", "5", "./internal/plan")
	cmd.Dir = e.src
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("go test -bench %s: %w\n%s", plannerBench, err, out)
	}
	var ds []time.Duration
	for line := range strings.SplitSeq(string(out), "\n") {
		f := strings.Fields(line)
		// BenchmarkBuild1000-2   1234   956789 ns/op   ...
		if len(f) >= 4 && strings.HasPrefix(f[0], plannerBench) && f[3] == "ns/op" {
			ns, err := strconv.ParseFloat(f[2], 64)
			if err != nil {
				return nil, err
			}
			ds = append(ds, time.Duration(ns))
		}
	}
	if len(ds) == 0 {
		return nil, fmt.Errorf("no %s results in:\n%s", plannerBench, out)
	}
	slices.Sort(ds)
	return &plannerResult{median: ds[len(ds)/2], min: ds[0], max: ds[len(ds)-1], runs: len(ds)}, nil
}
