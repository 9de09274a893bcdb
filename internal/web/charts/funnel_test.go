package charts

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"devpath/internal/jobsearch"
)

// history is an application that went through stages, a week apart.
func history(stages ...jobsearch.Stage) jobsearch.ApplicationSummary {
	a := jobsearch.ApplicationSummary{}
	at := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	for i, s := range stages {
		a.History = append(a.History, jobsearch.StageChange{Stage: s, At: at.AddDate(0, 0, 7*i)})
		a.Stage = s
	}
	return a
}

func TestFunnelSVG(t *testing.T) {
	steps := jobsearch.Funnel([]jobsearch.ApplicationSummary{history(jobsearch.Saved, jobsearch.Applied, jobsearch.Interview), history(jobsearch.Saved, jobsearch.Applied), history(jobsearch.Saved)})
	svg := string(Funnel(steps))
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	for _, want := range []string{
		`role="img"`,
		`aria-label="Application funnel: saved 3 (100%), applied 2 (67%), screening 1 (33%), interview 1 (33%), offer 0 (0%), accepted 0 (0%)"`,
		"<title>Application funnel: saved 3",
		">Saved</text>", ">Interview</text>", ">2 (67%)</text>",
		`width="180"`, // the widest bar is the full width
		`width="120"`, // two thirds of it
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("svg lacks %q\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, "<rect"); n != 6 {
		t.Errorf("%d bars, want 6", n)
	}
	empty := string(Funnel(jobsearch.Funnel(nil)))
	if !strings.Contains(empty, `aria-label="Application funnel: no applications yet"`) {
		t.Errorf("empty funnel: %s", empty)
	}
}
