package practice

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// outcome is what a list of statements did on one dataset.
type outcome struct {
	result     *table   // the last table the statements returned
	check      *table   // the check query's result
	checkErr   string   // why the check query could not run
	plan       string   // EXPLAIN QUERY PLAN of the plan query, one step per line
	planErr    string   // why it could not be planned
	probes     []string // per probe: "" when it succeeded, else its error
	rolledBack bool     // a transaction was still open at the end and was rolled back
}

// execute runs stmts on a fresh copy of dataset ds, then the exercise's
// plan query, probes and check.
func (g *Grader) execute(ctx context.Context, ds Dataset, ex Exercise, stmts []string) (*outcome, error) {
	sb, err := openSandbox(ctx, g.snapshot(ds), g.lim)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &runError{ReasonCanceled, "Grading was cancelled before it finished."}
		}
		return nil, fmt.Errorf("practice: open sandbox: %w", err)
	}
	defer sb.Close()
	// one watch for the whole sandbox: a statement that grows the process
	// too much is cancelled wherever it is, and explain says why
	ctx, stop := sb.memory.watch(ctx, g.lim.MaxWorkBytes)
	defer stop()
	o := &outcome{}
	for i, stmt := range stmts {
		t, err := sb.run(ctx, stmt)
		if err != nil {
			return nil, numbered(err, i, len(stmts))
		}
		if t != nil {
			o.result = t
		}
	}
	o.rolledBack = sb.rollback(ctx)
	sb.inspect(ctx, ex, o)
	return o, nil
}

// numbered says which statement failed when there are several.
func numbered(err error, i, n int) error {
	var re *runError
	if n == 1 || !errors.As(err, &re) {
		return err
	}
	return &runError{re.reason, fmt.Sprintf("Statement %d of %d: %s", i+1, n, re.message)}
}

// rollback ends a transaction the statements left open, as closing a
// connection would, and reports whether there was one.
func (s *sandbox) rollback(ctx context.Context) bool {
	sctx, cancel := context.WithTimeout(ctx, s.lim.StatementTimeout)
	defer cancel()
	_, err := s.conn.ExecContext(sctx, "ROLLBACK")
	return err == nil // SQLite refuses ROLLBACK when no transaction is open
}

// inspect runs the exercise's plan query, probes and check, in that order
// (the check sees what the probes did), recording rather than returning
// their errors: after a learner's statements, a check that fails is a wrong
// answer, not a broken grader.
func (s *sandbox) inspect(ctx context.Context, ex Exercise, o *outcome) {
	if ex.Plan != nil {
		t, err := s.run(ctx, "EXPLAIN QUERY PLAN "+ex.Plan.Query)
		if err != nil {
			o.planErr = errorText(err)
		} else {
			o.plan = planText(orEmpty(t))
		}
	}
	for _, p := range ex.Probes {
		_, err := s.run(ctx, p.SQL)
		o.probes = append(o.probes, errorText(err))
	}
	if ex.Check != "" {
		t, err := s.run(ctx, ex.Check)
		if err != nil {
			o.checkErr = errorText(err)
		} else {
			o.check = orEmpty(t)
		}
	}
}

func orEmpty(t *table) *table {
	if t == nil {
		return &table{}
	}
	return t
}

// errorText is an error's message for the learner, or "" for nil.
func errorText(err error) string {
	var re *runError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &re):
		return strings.TrimPrefix(re.message, "SQLite says: ")
	}
	return err.Error()
}

// planText joins the detail column of EXPLAIN QUERY PLAN, indenting each
// step under its parent.
func planText(t *table) string {
	depth := map[int64]int{0: -1}
	var lines []string
	for _, r := range t.rows {
		if len(r) < 4 {
			continue
		}
		id, _ := r[0].(int64)
		parent, _ := r[1].(int64)
		detail, _ := r[3].(string)
		depth[id] = depth[parent] + 1
		lines = append(lines, strings.Repeat("  ", max(0, depth[id]))+detail)
	}
	return strings.Join(lines, "\n")
}

// judge returns the first way got differs from want, or nil. It looks in
// the order things ran: the plan, the probes (whose messages say exactly
// which rule is missing), then the check.
func judge(ex Exercise, want, got *outcome) *Diff {
	if ex.IsQuery() {
		return compare(want.result, got.result, ex.Ordered, ex.columnMatch())
	}
	if ex.Plan != nil {
		if d := judgePlan(ex.Plan, got); d != nil {
			return d
		}
	}
	if d := judgeProbes(ex.Probes, got.probes); d != nil {
		return d
	}
	if ex.Check == "" {
		return nil
	}
	if got.checkErr != "" {
		return &Diff{Kind: DiffCheck, Check: true, Statement: ex.Check, Error: got.checkErr}
	}
	if d := compare(want.check, got.check, ex.Ordered, ByPosition); d != nil {
		d.Check, d.Statement = true, ex.Check
		return d
	}
	return nil
}

func judgePlan(pc *PlanCheck, got *outcome) *Diff {
	d := &Diff{Kind: DiffPlan, Statement: pc.Query, Plan: got.plan, Error: got.planErr}
	if got.planErr != "" {
		return d
	}
	for _, p := range pc.Must {
		if re, err := regexp.Compile(p); err != nil || !re.MatchString(got.plan) {
			return d
		}
	}
	for _, p := range pc.MustNot {
		if re, err := regexp.Compile(p); err != nil || re.MatchString(got.plan) {
			return d
		}
	}
	return nil
}

func judgeProbes(probes []Probe, errs []string) *Diff {
	for i, p := range probes {
		failed := errs[i] != ""
		if failed != (p.Expect == ExpectError) {
			return &Diff{Kind: DiffProbe, Statement: p.SQL, Error: errs[i], probe: p}
		}
	}
	return nil
}
