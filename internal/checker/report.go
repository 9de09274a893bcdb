package checker

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// ReportJSON is the file format of WriteJSON (`devpath check --json FILE`),
// and the form in which runs are stored. Fields are only ever added, so
// that stored reports stay readable.
type ReportJSON struct {
	Project    string       `json:"project"`
	URL        string       `json:"url"`
	Seed       int64        `json:"seed"`
	Passed     bool         `json:"passed"`
	StartedAt  time.Time    `json:"started_at"`
	DurationMS int64        `json:"duration_ms"`
	Stages     int          `json:"stages"`
	Strict     bool         `json:"strict,omitempty"` // warnings counted as failures
	Results    []ResultJSON `json:"results"`
}

// ResultJSON is one stage in ReportJSON.
type ResultJSON struct {
	Slug       string        `json:"slug"`
	Title      string        `json:"title"`
	Status     Status        `json:"status"`
	Message    string        `json:"message,omitempty"`
	DurationMS int64         `json:"duration_ms"`
	Transcript string        `json:"transcript"`
	Findings   []FindingJSON `json:"findings,omitempty"`
}

// FindingJSON is one finding of a stage in ReportJSON.
type FindingJSON struct {
	Level    Level  `json:"level" enum:"failure,warning"`
	Issue    string `json:"issue,omitempty"`
	Message  string `json:"message"`
	Spec     string `json:"spec,omitempty"`
	Hint     string `json:"hint,omitempty"`
	Exchange string `json:"exchange,omitempty"`
}

// JSON converts a report to its file format.
func (r Report) JSON() ReportJSON {
	out := ReportJSON{
		Project: r.Project, URL: r.URL, Seed: r.Seed, Passed: r.Passed, StartedAt: r.Started.UTC(),
		DurationMS: r.Duration.Milliseconds(), Stages: r.Stages, Strict: r.Strict, Results: []ResultJSON{},
	}
	for _, res := range r.Results {
		rj := ResultJSON{
			Slug: res.Slug, Title: res.Title, Status: res.Status, Message: res.Message,
			DurationMS: res.Duration.Milliseconds(), Transcript: res.Transcript,
		}
		for _, f := range res.Findings {
			rj.Findings = append(rj.Findings, FindingJSON{Level: f.Level, Issue: f.Issue, Message: f.Message, Spec: f.Spec, Hint: f.Hint, Exchange: f.Exchange})
		}
		out.Results = append(out.Results, rj)
	}
	return out
}

// Count is how many stages ended each way.
func (r ReportJSON) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// Warnings counts the warnings of the run.
func (r ReportJSON) Warnings() int {
	n := 0
	for _, res := range r.Results {
		for _, f := range res.Findings {
			if f.Level == Warning {
				n++
			}
		}
	}
	return n
}

// Summary is the run in one line: "10 stages passed, 1 failed, 2 warnings".
// Reports stored before stages could be skipped or warn read the same way.
func (r ReportJSON) Summary() string {
	parts := []string{plural(r.Count(StatusPass), "stage") + " passed"}
	for _, c := range []struct {
		status Status
		word   string
	}{{StatusFail, "failed"}, {StatusError, "could not be checked"}, {StatusSkip, "skipped"}} {
		if n := r.Count(c.status); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, c.word))
		}
	}
	if n := r.Stages - len(r.Results); n > 0 { // stored before every stage ran
		parts = append(parts, fmt.Sprintf("%d not run", n))
	}
	if n := r.Warnings(); n > 0 {
		parts = append(parts, plural(n, "warning"))
	}
	return strings.Join(parts, ", ")
}

// WriteJSON writes the report as indented JSON: per stage its status,
// findings, duration and transcript, and whether the whole run passed.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.JSON())
}

// PrintSummary writes a short table of the run, one line per stage, then
// every failure and every stage that did not run, then the summary line and
// how to repeat the run.
func PrintSummary(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s at %s (seed %d)\n", r.Project, r.URL, r.Seed)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, res := range r.Results {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", verdictWord(res.Status), res.Slug, res.Title, roundDuration(res.Duration))
	}
	tw.Flush()
	for _, res := range r.Results {
		writeProblems(&b, res)
	}
	rj := r.JSON()
	fmt.Fprintf(&b, "\n%s in %s.", rj.Summary(), roundDuration(r.Duration))
	switch {
	case r.Strict && r.warnings() > 0:
		fmt.Fprintf(&b, " Warnings count as failures (--strict). Repeat this exact check with --seed %d.\n", r.Seed)
	case !r.Passed:
		fmt.Fprintf(&b, " Repeat this exact check with --seed %d.\n", r.Seed)
	default:
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeProblems lists what went wrong in one stage: its failures and
// warnings, then the error that ended it or why it did not run.
func writeProblems(b *strings.Builder, res Result) {
	for _, f := range res.Findings {
		fmt.Fprintf(b, "\n%s %s: %s\n", levelWord(f.Level), res.Slug, f.Message)
		if f.Spec != "" {
			fmt.Fprintf(b, "  spec: %s\n", f.Spec)
		}
	}
	if res.Status == StatusError || res.Status == StatusSkip {
		fmt.Fprintf(b, "\n%s %s: %s\n", verdictWord(res.Status), res.Slug, res.Message)
	}
}

// warnings counts the warnings of the whole run.
func (r Report) warnings() int {
	n := 0
	for _, res := range r.Results {
		n += res.count(Warning)
	}
	return n
}

func (r Report) passedCount() int {
	n := 0
	for _, res := range r.Results {
		if res.Status == StatusPass {
			n++
		}
	}
	return n
}
