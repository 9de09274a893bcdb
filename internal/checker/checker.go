// Package checker grades a learner's own HTTP API. It runs a project's stages in
// order against the learner's running server and keeps a transcript of every
// exchange that reads like a curl session: what was sent, what was expected,
// what came back, and a hint. A stage that does not pass does not end the run:
// every later stage runs unless it needs something the failed stage was to
// make (a registered user, a note), and then it is reported as skipped.
//
// Projects are data plus code: the stage list (slug, title, description) and
// the hints, one per kind of problem, live in content/projects/<name>/stages.yaml;
// the logic of each stage lives in this package keyed by slug, and Load
// refuses a project whose two halves differ.
package checker

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Status is the outcome of one stage.
type Status string

const (
	// StatusPass: the server answered as the stage expects.
	StatusPass Status = "pass"
	// StatusFail: the server answered, but not as the stage expects.
	StatusFail Status = "fail"
	// StatusError: there was no usable answer: nothing listening, an address the
	// policy refuses, the stage's time limit, an invalid URL.
	StatusError Status = "error"
	// StatusSkip: the stage did not run, because what it needs was not made by
	// an earlier stage, or the server could no longer be reached.
	StatusSkip Status = "skip"
)

// Level says how much a finding matters.
type Level string

const (
	// Failure: a client written to the spec breaks on this answer: a wrong
	// shape, a missing or wrong value, a 5xx, a missing auth check, a token
	// required where it is optional, an error it cannot read.
	Failure Level = "failure"
	// Warning: the answer departs from the spec, but a client written to the
	// spec still works with it: 200 where the spec says 201, 403 for 401, a
	// field the spec does not list. A warning always cites the spec's line.
	Warning Level = "warning"
)

// Finding is one thing a stage found wrong, with the exchange that showed it.
type Finding struct {
	Level    Level
	Issue    string // the kind of problem, such as "status"; empty when it has no name
	Message  string
	Spec     string // the spec's line the answer departs from; always set for a warning
	Hint     string // Markdown: how to fix this kind of problem; may be empty
	Exchange string // the request and the answer that showed it, as the transcript has them
}

// Defaults for the zero values in Options.
const (
	DefaultRequestTimeout = 10 * time.Second
	// Registering and logging in hash a password, which a correct server
	// may do slowly on a small machine (one took 7.9 s on two cores).
	DefaultSlowTimeout  = 30 * time.Second
	DefaultSlowAfter    = 2 * time.Second
	DefaultMaxBodyBytes = 1 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "devpath-checker/1"
)

// Stage is one step of a project, as the learner reads it.
type Stage struct {
	Slug        string
	Title       string
	Description string // Markdown: what the stage checks
}

// Project is a checkable API project: its stages in order and the spec page.
// Get one from a Catalog (see Load); a Project built by hand has no stage code
// and every run of it ends with an error.
type Project struct {
	Name    string // folder name under content/projects, e.g. "notes-api"
	Title   string
	Summary string
	Spec    string // Markdown page the learner reads before starting; may be empty
	Stages  []Stage

	// hints explain a kind of problem (a finding's Issue), in Markdown. A
	// key "slug/issue" is for that stage only and wins over "issue".
	hints map[string]string

	suite suite // the stage logic, bound to fresh state for each run
}

// Options tunes a run. The zero value is usable.
type Options struct {
	// Seed drives the random names, titles and emails a run sends. The same seed
	// sends the same data; 0 picks a fresh seed, reported in Report.Seed.
	Seed int64
	// RequestTimeout bounds each request, its answer read. Default 10s.
	RequestTimeout time.Duration
	// SlowTimeout bounds each request that hashes a password (registering,
	// logging in). Default 30s, or three times RequestTimeout if that is more.
	SlowTimeout time.Duration
	// SlowAfter is how long a request that hashes a password may take
	// before the run warns that it is slow. Default 2s.
	SlowAfter time.Duration
	// Out receives the transcript while the run goes on; nil for none.
	Out io.Writer
	// Policy decides which addresses may be dialled, after DNS resolution.
	// The zero value allows any address.
	Policy AddressPolicy
	// MaxBodyBytes is how much of a response body is read. Default 1 MiB.
	MaxBodyBytes int64
	// MaxRedirects is how many redirects one request may follow. Default 5.
	MaxRedirects int
	// UserAgent is sent with every request. Default DefaultUserAgent.
	UserAgent string
	// Strict counts warnings as failures: the run passes only when the
	// server does exactly what the spec says.
	Strict bool
}

// Result is the outcome of one stage.
type Result struct {
	Slug       string
	Title      string
	Status     Status
	Message    string // the first failure, the error, or why the stage was skipped; empty when it passed
	Duration   time.Duration
	Transcript string    // the exchanges of this stage, each finding where it was found, with its hint
	Findings   []Finding // every failure the stage found, in order
}

// Report is the outcome of a run: one result per stage, in order.
type Report struct {
	Project  string
	URL      string
	Seed     int64
	Started  time.Time
	Duration time.Duration
	Stages   int  // how many stages the project has
	Passed   bool // every stage ran and found no failure (nor a warning, when Strict)
	Strict   bool // warnings counted as failures
	Results  []Result
}

// Run checks the server at baseURL against the project's stages, in order. A
// stage that does not pass does not end the run: a later stage is skipped
// only when it needs what an earlier one failed to make, or when the server
// can no longer be reached. It never panics and never waits on one request
// longer than its time limit; a cancelled ctx ends the run with an error
// result for the stage under way, and the rest skipped.
//
// The result is named so that the deferred assignment of Duration reaches
// the caller: with an unnamed result, `return rep` copies the report before
// deferred functions run, and every run lasted 0s.
func Run(ctx context.Context, project Project, baseURL string, opts Options) (rep Report) {
	opts = opts.withDefaults()
	rep = Report{Project: project.Name, URL: baseURL, Seed: opts.Seed, Started: time.Now(), Stages: len(project.Stages), Strict: opts.Strict}
	defer func() { rep.Duration = time.Since(rep.Started) }()

	h, err := newHarness(baseURL, opts)
	if err == nil {
		defer h.close()
		err = project.bindable()
	}
	if err != nil {
		rep.Results = setupError(project, err, opts.Out)
		return rep
	}
	h.hints = project.hints
	rep.Results = h.runStages(ctx, project.Stages, project.suite(h))
	rep.Passed = len(project.Stages) > 0 && rep.passedCount() == len(project.Stages) && !(opts.Strict && rep.warnings() > 0)
	return rep
}

// runStages runs each stage that can run and reports the others as skipped.
func (h *harness) runStages(ctx context.Context, stages []Stage, steps []step) []Result {
	var results []Result
	stop := "" // why no later stage can run, once that is so
	for i, st := range stages {
		pos := fmt.Sprintf("%d/%d", i+1, len(stages))
		why := stop
		if why == "" {
			why = missing(steps, i, h.made, results)
		}
		if why != "" {
			results = append(results, h.skip(st, pos, why))
			continue
		}
		res := h.runStage(ctx, st, steps[i].run, pos)
		results = append(results, res)
		switch {
		case res.Status != StatusError:
		case ctx.Err() != nil:
			stop = "not run: the check was cancelled"
		case h.unreachable:
			stop = fmt.Sprintf("not run: the server could not be reached at stage %s", st.Slug)
		}
	}
	return results
}

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = rand.Int64N(1<<53) + 1 // small enough to survive a JSON round trip
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.SlowTimeout <= 0 {
		o.SlowTimeout = max(DefaultSlowTimeout, 3*o.RequestTimeout)
	}
	if o.SlowAfter <= 0 {
		o.SlowAfter = DefaultSlowAfter
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	return o
}

// bindable reports whether the project carries stage code that matches its
// stages, and whether every need is given by an earlier stage.
func (p Project) bindable() error {
	if p.suite == nil || len(p.Stages) == 0 {
		return fmt.Errorf("project %q has no stage code; get projects from a checker.Catalog (checker.Load)", p.Name)
	}
	steps := p.suite(nil)
	if n := len(steps); n != len(p.Stages) {
		return fmt.Errorf("project %q has %d stages but code for %d", p.Name, len(p.Stages), n)
	}
	return checkNeeds(p.Name, steps)
}

// checkNeeds makes sure that every need names something an earlier step gives.
func checkNeeds(project string, steps []step) error {
	given := map[string]bool{}
	for _, s := range steps {
		for _, n := range s.needs {
			if !given[n] {
				return fmt.Errorf("project %q: stage %q needs %q, which no earlier stage gives", project, s.slug, n)
			}
		}
		for _, g := range s.gives {
			given[g] = true
		}
	}
	return nil
}

// missing says why step i cannot run: the first thing it needs that no
// earlier stage made, and which stage was to make it. Empty: it can run.
func missing(steps []step, i int, made map[string]bool, done []Result) string {
	for _, n := range steps[i].needs {
		if made[n] {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if slices.Contains(steps[j].gives, n) {
				return fmt.Sprintf("not run: it needs %s, from stage %s, which %s", describeNeed(n), steps[j].slug, outcome(done[j].Status))
			}
		}
	}
	return ""
}

// outcome says how a stage that was to provide something ended.
func outcome(s Status) string {
	switch s {
	case StatusFail:
		return "failed"
	case StatusError:
		return "could not be checked"
	case StatusSkip:
		return "was skipped"
	}
	return "passed without it"
}

// setupError reports a run that could not start as an error on its first
// stage, the others skipped, so that every report names every stage.
func setupError(p Project, err error, out io.Writer) []Result {
	res := Result{Slug: "setup", Title: "Start the check", Status: StatusError, Message: err.Error()}
	if len(p.Stages) > 0 {
		res.Slug, res.Title = p.Stages[0].Slug, p.Stages[0].Title
	}
	res.Transcript = "ERROR " + res.Message + "\n"
	fmt.Fprint(out, res.Transcript)
	results := []Result{res}
	for _, st := range p.Stages[min(1, len(p.Stages)):] {
		results = append(results, Result{Slug: st.Slug, Title: st.Title, Status: StatusSkip, Message: "not run: the check could not start"})
	}
	return results
}

// skip reports a stage that did not run, and why.
func (h *harness) skip(st Stage, pos, why string) Result {
	t := fmt.Sprintf("=== stage %s %s: %s\n\nSKIP %s: %s\n\n", pos, st.Slug, st.Title, st.Slug, why)
	io.WriteString(h.out, t)
	return Result{Slug: st.Slug, Title: st.Title, Status: StatusSkip, Message: why, Transcript: t}
}

// runStage runs one stage and records its transcript and findings.
func (h *harness) runStage(ctx context.Context, st Stage, run func(context.Context) error, pos string) Result {
	var buf bytes.Buffer
	h.begin(io.MultiWriter(&buf, h.out), st)
	fmt.Fprintf(h.w, "=== stage %s %s: %s\n\n", pos, st.Slug, st.Title)

	start := time.Now()
	err := guard(ctx, run)
	res := Result{Slug: st.Slug, Title: st.Title, Duration: time.Since(start)}
	if _, ok := asFailure(err); ok || err == nil {
		h.record(err)
		err = nil
	}
	res.Findings = h.findings
	res.Status, res.Message = verdict(res.Findings, err)
	fmt.Fprintf(h.w, "%s\n\n", stageLine(res))
	res.Transcript = buf.String()
	return res
}

// stageLine ends a stage's transcript: its status, what it found, its time.
func stageLine(res Result) string {
	if res.Status == StatusError {
		return fmt.Sprintf("ERROR %s: %s", res.Slug, res.Message)
	}
	var found []string
	if n := res.count(Failure); n > 0 {
		found = append(found, plural(n, "failure"))
	}
	if n := res.count(Warning); n > 0 {
		found = append(found, plural(n, "warning"))
	}
	line := verdictWord(res.Status) + " " + res.Slug
	if len(found) > 0 {
		line += ": " + strings.Join(found, ", ")
	}
	return line + fmt.Sprintf(" (%s)", roundDuration(res.Duration))
}

// count is how many of the result's findings have level l.
func (r Result) count(l Level) int {
	n := 0
	for _, f := range r.Findings {
		if f.Level == l {
			n++
		}
	}
	return n
}

// verdict is a stage's status and message from its findings and the error
// that ended it, if one did. Warnings alone leave a stage passed.
func verdict(fs []Finding, err error) (Status, string) {
	if err != nil {
		return StatusError, err.Error()
	}
	for _, f := range fs {
		if f.Level == Failure {
			return StatusFail, f.Message
		}
	}
	return StatusPass, ""
}

// guard turns a panic in stage code into an error, so that a checker bug ends
// one run with a message instead of taking the server down.
func guard(ctx context.Context, run func(context.Context) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in the checker (not your server's fault): %v", p)
		}
	}()
	return run(ctx)
}

func verdictWord(s Status) string {
	switch s {
	case StatusFail:
		return "FAIL"
	case StatusSkip:
		return "SKIP"
	case StatusPass:
		return "PASS"
	}
	return "ERROR"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func roundDuration(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(time.Millisecond)
}
