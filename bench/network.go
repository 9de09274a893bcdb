package main

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// networkBench is devpath's own benchmark of a large network on SQLite
// (internal/store): 5,000 contacts, 50,000 interactions, the contact list
// sorted by next due and the losing-touch list.
const networkBench = "BenchmarkNetworkLists"

func networkPhase(ctx context.Context, e *env) (map[string]*plannerResult, error) {
	return goBench(ctx, e, "./internal/store", networkBench)
}

// networkTargets checks each list against the 20 ms budget of issue 14.
func networkTargets(rs map[string]*plannerResult) []target {
	names := make([]string, 0, len(rs))
	for name := range rs {
		names = append(names, name)
	}
	slices.Sort(names)
	var ts []target
	for _, name := range names {
		r := rs[name]
		ts = append(ts, target{"network of 5,000 contacts on SQLite, " + name[len(networkBench)+1:] + ", under 20 ms",
			fmt.Sprintf("%s ms a list (median of %d runs of devpath's %s, %s–%s ms)", msText(r.median), r.runs, name, msText(r.min), msText(r.max)),
			yes(r.median < 20*time.Millisecond)})
	}
	return ts
}
