package practice

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Limits bound what grading one answer may use.
type Limits struct {
	StatementTimeout time.Duration // per statement
	GradingTimeout   time.Duration // for the whole grading, both datasets, once it has its turn
	MaxRows          int           // rows read back from one statement
	MaxResultBytes   int           // bytes read back from one statement (values, roughly)
	ShowRows         int           // rows of the learner's result a Verdict carries
	MaxAnswerBytes   int           // size of the answer text
	MaxStatements    int           // statements in one answer, where several are allowed
	MaxValueBytes    int           // longest string or blob a statement may build
	MaxDatabaseBytes int64         // how large the sandbox database may grow
	MaxWorkBytes     int64         // memory a statement's sorts may take, watched on the process
	Concurrency      int           // gradings running at once
	QueueWait        time.Duration // how long a grading waits for its turn before giving up as busy
}

// DefaultLimits are limits for a server shared by many learners.
func DefaultLimits() Limits {
	return Limits{
		StatementTimeout: 2 * time.Second,
		GradingTimeout:   8 * time.Second,
		MaxRows:          10_000,
		MaxResultBytes:   4 << 20,
		ShowRows:         50,
		MaxAnswerBytes:   20 << 10,
		MaxStatements:    20,
		MaxValueBytes:    1 << 20,
		MaxDatabaseBytes: 16 << 20,
		MaxWorkBytes:     64 << 20,
		Concurrency:      2,
		QueueWait:        5 * time.Second,
	}
}

// maxCachedReferences bounds the reference-result cache; the shipped
// exercises need two entries each.
const maxCachedReferences = 1000

// Grader grades answers. It is safe for concurrent use; at most
// Limits.Concurrency gradings run at once and the others wait their turn.
type Grader struct {
	lim             Limits
	visible, hidden snapshot
	slots           chan struct{}

	mu   sync.Mutex
	refs map[refKey]*outcome // the reference's results: they never change
}

// refKey identifies a reference outcome: the statements that produce it.
type refKey struct {
	dataset               Dataset
	answer, check, probes string
}

// NewGrader builds the two datasets of s once, so that each grading starts
// from a copy.
func NewGrader(ctx context.Context, s Sample, lim Limits) (*Grader, error) {
	g := &Grader{lim: lim, slots: make(chan struct{}, max(1, lim.Concurrency)), refs: make(map[refKey]*outcome)}
	var err error
	if g.visible, err = buildSnapshot(ctx, s.Schema, s.Visible); err != nil {
		return nil, fmt.Errorf("practice: visible dataset: %w", err)
	}
	if g.hidden, err = buildSnapshot(ctx, s.Schema, s.Hidden); err != nil {
		return nil, fmt.Errorf("practice: hidden dataset: %w", err)
	}
	return g, nil
}

// Grade runs answer for exercise ex on fresh copies of the visible and then
// the hidden dataset, compares it with the reference answer on each, and
// says what differs. It never returns an error: problems with the answer,
// and the grader being busy, are Error verdicts.
func (g *Grader) Grade(ctx context.Context, ex Exercise, answer string) Verdict {
	start := time.Now()
	v := g.grade(ctx, ex, answer)
	v.Duration = time.Since(start)
	return v
}

func (g *Grader) grade(ctx context.Context, ex Exercise, answer string) Verdict {
	stmts, bad := g.statements(ex, answer)
	if bad != nil {
		return *bad
	}
	release, busy := g.acquire(ctx)
	if busy != nil {
		return *busy
	}
	defer release()
	// The budget keeps an answer of many slow statements from holding a
	// grading slot for long.
	budget, cancel := context.WithTimeout(ctx, g.lim.GradingTimeout)
	defer cancel()
	var shown Verdict
	for _, ds := range []Dataset{Visible, Hidden} {
		got, err := g.execute(budget, ds, ex, stmts)
		if err != nil {
			return runErrorVerdict(ds, g.overBudget(ctx, err), shown)
		}
		if ds == Visible {
			shown = showResult(got, g.lim.ShowRows)
		}
		want, err := g.reference(budget, ds, ex)
		if err != nil {
			return referenceErrorVerdict(g.overBudget(ctx, err), shown)
		}
		if d := judge(ex, want, got); d != nil {
			d.Dataset = ds
			return failVerdict(ex, d, got.rolledBack, shown)
		}
	}
	shown.Verdict = Pass
	shown.Message = passMessage
	return shown
}

// overBudget tells a grading that ran out of its budget from one whose
// caller gave up: both end the grading's context.
func (g *Grader) overBudget(ctx context.Context, err error) error {
	var re *runError
	if errors.As(err, &re) && re.reason == ReasonCanceled && ctx.Err() == nil {
		return &runError{ReasonTimeout, fmt.Sprintf("Your answer was stopped: all its statements together "+
			"may run for at most %s.", g.lim.GradingTimeout)}
	}
	return err
}

// statements checks the answer's size and splits it, or returns the
// verdict that refuses it.
func (g *Grader) statements(ex Exercise, answer string) ([]string, *Verdict) {
	refuse := func(r Reason, format string, args ...any) ([]string, *Verdict) {
		return nil, &Verdict{Verdict: Error, Reason: r, Message: fmt.Sprintf(format, args...)}
	}
	if len(answer) > g.lim.MaxAnswerBytes {
		return refuse(ReasonTooLarge, "Your answer is %d KB long; answers may be at most %d KB.",
			(len(answer)+1023)>>10, g.lim.MaxAnswerBytes>>10)
	}
	if strings.ContainsRune(answer, 0) {
		return refuse(ReasonSQL, "Your answer contains a NUL character; remove it and try again.")
	}
	stmts := SplitStatements(answer)
	switch {
	case len(stmts) == 0:
		return refuse(ReasonStatements, "Your answer is empty: write a SQL statement.")
	case len(stmts) > 1 && !ex.AllowMultipleStatements:
		return refuse(ReasonStatements, "This exercise expects a single statement, but your answer has %d. "+
			"Keep only the one that answers the question (a ';' inside a string or a comment is fine).", len(stmts))
	case len(stmts) > g.lim.MaxStatements:
		return refuse(ReasonStatements, "Your answer has %d statements; at most %d are allowed.",
			len(stmts), g.lim.MaxStatements)
	}
	return stmts, nil
}

// acquire waits for a grading slot: at most Limits.QueueWait, so that a
// flood of slow answers makes others fail fast instead of piling up.
func (g *Grader) acquire(ctx context.Context) (release func(), refused *Verdict) {
	release = func() { <-g.slots }
	select {
	case g.slots <- struct{}{}:
		return release, nil
	default:
	}
	timer := time.NewTimer(g.lim.QueueWait)
	defer timer.Stop()
	select {
	case g.slots <- struct{}{}:
		return release, nil
	case <-ctx.Done():
		return nil, &Verdict{Verdict: Error, Reason: ReasonCanceled, Message: "Grading was cancelled while waiting for its turn."}
	case <-timer.C:
		return nil, &Verdict{Verdict: Error, Reason: ReasonBusy,
			Message: "Many answers are being graded right now. Please try again in a few seconds."}
	}
}

func (g *Grader) snapshot(ds Dataset) snapshot {
	if ds == Hidden {
		return g.hidden
	}
	return g.visible
}

// reference returns the reference answer's outcome on ds, computed once.
func (g *Grader) reference(ctx context.Context, ds Dataset, ex Exercise) (*outcome, error) {
	var probes strings.Builder
	for _, p := range ex.Probes {
		probes.WriteString(p.SQL + "\x00")
	}
	key := refKey{ds, ex.Answer, ex.Check, probes.String()}
	g.mu.Lock()
	o := g.refs[key]
	g.mu.Unlock()
	if o != nil {
		return o, nil
	}
	// The probes run too, since the check sees what they did; they and the
	// plan are judged against the exercise's expectations, not against the
	// reference.
	o, err := g.execute(ctx, ds, ex, SplitStatements(ex.Answer))
	switch {
	case err != nil:
		return nil, err
	case ex.IsQuery() && o.result == nil:
		return nil, fmt.Errorf("practice: %s: the reference answer returns no table", ex.ID)
	case o.checkErr != "":
		return nil, fmt.Errorf("practice: %s: the check fails after the reference answer: %s", ex.ID, o.checkErr)
	}
	g.mu.Lock()
	if len(g.refs) < maxCachedReferences {
		g.refs[key] = o
	}
	g.mu.Unlock()
	return o, nil
}

// CheckReference grades an exercise's own reference answer and reports what
// makes the exercise unfit to ship: the reference does not pass, or (for a
// query exercise) its result is empty on a dataset or the same on both, so
// that an answer hard-coding the visible rows would pass.
func (g *Grader) CheckReference(ctx context.Context, ex Exercise) error {
	if v := g.Grade(ctx, ex, ex.Answer); v.Verdict != Pass {
		return fmt.Errorf("%s: the reference answer gets %s: %s", ex.ID, v.Verdict, v.Message)
	}
	if !ex.IsQuery() {
		return nil
	}
	vis, err := g.reference(ctx, Visible, ex)
	if err != nil {
		return err
	}
	hid, err := g.reference(ctx, Hidden, ex)
	if err != nil {
		return err
	}
	switch {
	case vis.result == nil || len(vis.result.rows) == 0:
		return fmt.Errorf("%s: the reference returns no rows on the visible dataset", ex.ID)
	case hid.result == nil || len(hid.result.rows) == 0:
		return fmt.Errorf("%s: the reference returns no rows on the hidden dataset", ex.ID)
	case compare(vis.result, hid.result, ex.Ordered, ByPosition) == nil:
		return fmt.Errorf("%s: the reference returns the same rows on both datasets", ex.ID)
	}
	return nil
}
