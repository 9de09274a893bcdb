// Package checker grades a learner's own HTTP API. It runs a project's stages in
// order against the learner's running server, stops at the first stage that does
// not pass, and keeps a transcript of every exchange that reads like a curl
// session: what was sent, what was expected, what came back, and a hint.
//
// Projects are data plus code: the stage list (slug, title, description, hint)
// lives in content/projects/<name>/stages.yaml, the logic of each stage lives in
// this package keyed by slug, and Load refuses a project whose two halves differ.
package checker

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
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
)

// Defaults for the zero values in Options.
const (
	DefaultStageTimeout = 10 * time.Second
	DefaultMaxBodyBytes = 1 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "devpath-checker/1"
)

// Stage is one step of a project, as the learner reads it.
type Stage struct {
	Slug        string
	Title       string
	Description string // Markdown: what the stage checks
	Hint        string // Markdown: shown when the stage does not pass
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

	suite suite // the stage logic, bound to fresh state for each run
}

// Options tunes a run. The zero value is usable.
type Options struct {
	// Seed drives the random names, titles and emails a run sends. The same seed
	// sends the same data; 0 picks a fresh seed, reported in Report.Seed.
	Seed int64
	// StageTimeout bounds each stage, all its requests included. Default 10s.
	StageTimeout time.Duration
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
}

// Result is the outcome of one stage.
type Result struct {
	Slug       string
	Title      string
	Status     Status
	Message    string // what is wrong; empty when the stage passed
	Duration   time.Duration
	Transcript string // the exchanges of this stage, and the hint when it did not pass
}

// Report is the outcome of a run. Results holds the stages that ran, in order;
// it is shorter than Stages when a stage did not pass.
type Report struct {
	Project  string
	URL      string
	Seed     int64
	Started  time.Time
	Duration time.Duration
	Stages   int  // how many stages the project has
	Passed   bool // every stage ran and passed
	Results  []Result
}

// Run checks the server at baseURL against the project's stages, in order,
// stopping at the first stage that does not pass. It never panics and never
// waits on one stage longer than opts.StageTimeout; a cancelled ctx ends the run
// with an error result for the stage under way.
func Run(ctx context.Context, project Project, baseURL string, opts Options) Report {
	opts = opts.withDefaults()
	rep := Report{Project: project.Name, URL: baseURL, Seed: opts.Seed, Started: time.Now(), Stages: len(project.Stages)}
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
	steps := project.suite(h)
	for i, st := range project.Stages {
		res := h.runStage(ctx, st, steps[i].run, fmt.Sprintf("%d/%d", i+1, len(project.Stages)))
		rep.Results = append(rep.Results, res)
		if res.Status != StatusPass {
			return rep
		}
	}
	rep.Passed = len(project.Stages) > 0
	return rep
}

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = rand.Int64N(1<<53) + 1 // small enough to survive a JSON round trip
	}
	if o.StageTimeout <= 0 {
		o.StageTimeout = DefaultStageTimeout
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

// bindable reports whether the project carries stage code that matches its stages.
func (p Project) bindable() error {
	if p.suite == nil || len(p.Stages) == 0 {
		return fmt.Errorf("project %q has no stage code; get projects from a checker.Catalog (checker.Load)", p.Name)
	}
	if n := len(p.suite(nil)); n != len(p.Stages) {
		return fmt.Errorf("project %q has %d stages but code for %d", p.Name, len(p.Stages), n)
	}
	return nil
}

// setupError reports a run that could not start as an error on its first stage,
// so that every report names the stage where things stopped.
func setupError(p Project, err error, out io.Writer) []Result {
	res := Result{Slug: "setup", Title: "Start the check", Status: StatusError, Message: err.Error()}
	if len(p.Stages) > 0 {
		res.Slug, res.Title = p.Stages[0].Slug, p.Stages[0].Title
	}
	res.Transcript = "ERROR " + res.Message + "\n"
	fmt.Fprint(out, res.Transcript)
	return []Result{res}
}

// runStage runs one stage under its own deadline and records its transcript.
func (h *harness) runStage(ctx context.Context, st Stage, run func(context.Context) error, pos string) Result {
	var buf bytes.Buffer
	h.w = io.MultiWriter(&buf, h.out)
	fmt.Fprintf(h.w, "=== stage %s %s: %s\n\n", pos, st.Slug, st.Title)

	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	start := time.Now()
	err := guard(ctx, run)
	res := Result{Slug: st.Slug, Title: st.Title, Duration: time.Since(start)}
	res.Status, res.Message = classify(err)

	switch res.Status {
	case StatusPass:
		fmt.Fprintf(h.w, "PASS %s (%s)\n\n", st.Slug, roundDuration(res.Duration))
	default:
		fmt.Fprintf(h.w, "%s %s: %s\n", verdictWord(res.Status), st.Slug, res.Message)
		if st.Hint != "" {
			fmt.Fprintf(h.w, "hint: %s\n", st.Hint)
		}
		fmt.Fprintln(h.w)
	}
	res.Transcript = buf.String()
	return res
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

func classify(err error) (Status, string) {
	if err == nil {
		return StatusPass, ""
	}
	if f, ok := asFailure(err); ok {
		return StatusFail, f.msg
	}
	return StatusError, err.Error()
}

func verdictWord(s Status) string {
	if s == StatusFail {
		return "FAIL"
	}
	return "ERROR"
}

func roundDuration(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(time.Millisecond)
}
