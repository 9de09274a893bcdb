package checker

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// ReportJSON is the file format of WriteJSON (`devpath check --json FILE`).
type ReportJSON struct {
	Project    string       `json:"project"`
	URL        string       `json:"url"`
	Seed       int64        `json:"seed"`
	Passed     bool         `json:"passed"`
	StartedAt  time.Time    `json:"started_at"`
	DurationMS int64        `json:"duration_ms"`
	Stages     int          `json:"stages"`
	Results    []ResultJSON `json:"results"`
}

// ResultJSON is one stage in ReportJSON.
type ResultJSON struct {
	Slug       string `json:"slug"`
	Title      string `json:"title"`
	Status     Status `json:"status"`
	Message    string `json:"message,omitempty"`
	DurationMS int64  `json:"duration_ms"`
	Transcript string `json:"transcript"`
}

// JSON converts a report to its file format.
func (r Report) JSON() ReportJSON {
	out := ReportJSON{
		Project: r.Project, URL: r.URL, Seed: r.Seed, Passed: r.Passed, StartedAt: r.Started.UTC(),
		DurationMS: r.Duration.Milliseconds(), Stages: r.Stages, Results: []ResultJSON{},
	}
	for _, res := range r.Results {
		out.Results = append(out.Results, ResultJSON{
			Slug: res.Slug, Title: res.Title, Status: res.Status, Message: res.Message,
			DurationMS: res.Duration.Milliseconds(), Transcript: res.Transcript,
		})
	}
	return out
}

// WriteJSON writes the report as indented JSON: per stage its status, message,
// duration and transcript, and whether the whole run passed.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.JSON())
}

// PrintSummary writes a short table of the run: one line per stage that ran,
// the message of the one that stopped it, and how to repeat the run.
func PrintSummary(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s at %s (seed %d)\n", r.Project, r.URL, r.Seed)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, res := range r.Results {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", strings.ToUpper(string(res.Status)), res.Slug, res.Title, roundDuration(res.Duration))
	}
	tw.Flush()
	passed := r.passedCount()
	if last, ok := r.stopped(); ok {
		fmt.Fprintf(&b, "\n%s %s: %s\n", verdictWord(last.Status), last.Slug, last.Message)
		if left := r.Stages - len(r.Results); left > 0 {
			fmt.Fprintf(&b, "%d later stages did not run.\n", left)
		}
	}
	if r.Passed {
		fmt.Fprintf(&b, "\nAll %d stages passed in %s.\n", r.Stages, roundDuration(r.Duration))
	} else {
		fmt.Fprintf(&b, "%d of %d stages passed. Repeat this exact check with --seed %d.\n", passed, r.Stages, r.Seed)
	}
	_, err := io.WriteString(w, b.String())
	return err
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

// stopped returns the stage that ended the run early, if one did.
func (r Report) stopped() (Result, bool) {
	if len(r.Results) == 0 {
		return Result{}, false
	}
	last := r.Results[len(r.Results)-1]
	return last, last.Status != StatusPass
}
